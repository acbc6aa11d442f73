-- orders is the closest again: its drift is back
ALTER TABLE orders_archive ADD COLUMN IF NOT EXISTS archived_at timestamptz;
