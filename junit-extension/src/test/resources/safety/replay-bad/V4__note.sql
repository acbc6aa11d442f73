-- the column is added twice on a re-run
ALTER TABLE orders ADD COLUMN note text;
