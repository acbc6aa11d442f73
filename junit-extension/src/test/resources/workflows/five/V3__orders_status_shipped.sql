-- adds 'shipped' ... and drops 'paid'
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'shipped', 'refunded'));
-- cofferdam:allow constraint-narrowed orders_status_check "this fixture is about workflows"
