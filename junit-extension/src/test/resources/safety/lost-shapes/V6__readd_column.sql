-- the column is dropped and added again under its name: its GIN index is silently lost
ALTER TABLE t_gin DROP COLUMN IF EXISTS tags;
ALTER TABLE t_gin ADD COLUMN IF NOT EXISTS tags text[];
