ALTER TABLE orders ALTER COLUMN type TYPE varchar(50);
