ALTER TABLE payments ADD COLUMN IF NOT EXISTS currency char(3) NOT NULL DEFAULT 'EUR';
CREATE INDEX IF NOT EXISTS payments_currency_idx ON payments (currency);
ALTER TABLE payments ADD COLUMN IF NOT EXISTS fee_included boolean NOT NULL DEFAULT false;
UPDATE payments SET amount = amount + fee, fee_included = true WHERE NOT fee_included;
