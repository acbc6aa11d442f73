-- guarded by the column: a second run on the state it leaves does nothing
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM information_schema.columns
                 WHERE table_name = 'orders' AND column_name = 'discount') THEN
    CREATE DOMAIN percent AS int CHECK (VALUE BETWEEN 0 AND 100);
    ALTER TABLE orders ADD COLUMN discount percent NOT NULL DEFAULT 0;
  END IF;
END
$$;
