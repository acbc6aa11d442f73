-- As it shipped: a volatile default, so PostgreSQL rewrites every row under ACCESS EXCLUSIVE
-- (no read or write gets through), then a plain index build that blocks every write.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS tracking_code text DEFAULT md5(random()::text);
CREATE INDEX IF NOT EXISTS orders_tracking_code_idx ON orders (tracking_code);
