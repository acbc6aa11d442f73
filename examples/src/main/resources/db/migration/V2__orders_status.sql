ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'new';

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_status_check') THEN
    ALTER TABLE orders
      ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'refunded'));
  END IF;
END $$;
