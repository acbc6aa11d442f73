COMMENT ON TABLE orders IS 'orders';
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
ALTER TABLE orders ADD COLUMN note text DEFAULT 'n';
