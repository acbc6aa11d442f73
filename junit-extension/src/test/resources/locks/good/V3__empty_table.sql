-- the same on a table that has no rows
ALTER TABLE audit ADD COLUMN IF NOT EXISTS token double precision DEFAULT random();
CREATE INDEX IF NOT EXISTS audit_at_idx ON audit (at);
ALTER TABLE audit ALTER COLUMN at SET NOT NULL;
