-- misspells the column
ALTER TABLE orders DROP COLUMN payed;
