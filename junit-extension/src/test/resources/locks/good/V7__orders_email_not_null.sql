SET lock_timeout = '5s';
ALTER TABLE orders ALTER COLUMN email SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_email_not_null;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;
