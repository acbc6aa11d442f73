-- a volatile default: every row gets its own value, so PostgreSQL rewrites the table
ALTER TABLE orders ADD COLUMN IF NOT EXISTS token double precision DEFAULT random();
