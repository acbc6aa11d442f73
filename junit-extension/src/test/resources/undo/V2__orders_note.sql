ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;
CREATE INDEX IF NOT EXISTS orders_total_idx ON orders (total);
