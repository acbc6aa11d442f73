ALTER TABLE orders ADD COLUMN IF NOT EXISTS fee_applied boolean NOT NULL DEFAULT false;
UPDATE orders SET total = total + fee, fee_applied = true WHERE NOT fee_applied;
