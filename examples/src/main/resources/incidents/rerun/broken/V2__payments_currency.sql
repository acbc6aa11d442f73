ALTER TABLE payments ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';
CREATE INDEX ON payments (currency);
UPDATE payments SET amount = amount + fee;
