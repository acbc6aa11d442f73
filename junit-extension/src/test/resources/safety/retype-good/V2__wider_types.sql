ALTER TABLE customers ALTER COLUMN name TYPE text;
ALTER TABLE customers ALTER COLUMN visits TYPE bigint;
ALTER TABLE customers ALTER COLUMN seen_at TYPE timestamptz;
