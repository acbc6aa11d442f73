-- forgets the domain, which the migration then fails to create again
ALTER TABLE orders DROP COLUMN discount;
