-- the column's index and foreign key go with it
ALTER TABLE t_col DROP COLUMN IF EXISTS gone;
