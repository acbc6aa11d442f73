-- a rename in a migration that also drops something
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = 't_ren'::regclass AND attname = 'old_name') THEN
    ALTER TABLE t_ren RENAME COLUMN old_name TO new_name;
  END IF;
END $$;
DROP INDEX IF EXISTS t_col_keep_idx;
ALTER TABLE t_col DROP COLUMN IF EXISTS keep;
