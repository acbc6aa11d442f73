-- The column without a default (no rewrite), its default for new rows only, and a lock timeout:
-- each lock is brief, or the migration fails fast instead of queueing the application.
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS tracking_code text;
ALTER TABLE orders ALTER COLUMN tracking_code SET DEFAULT md5(random()::text);
