-- CASCADE takes the view along
ALTER TABLE t_view DROP COLUMN IF EXISTS flag CASCADE;
