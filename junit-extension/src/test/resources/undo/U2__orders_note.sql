-- forgets the index
ALTER TABLE orders DROP COLUMN IF EXISTS note;
