ALTER TABLE customers ALTER COLUMN name TYPE varchar(20) USING left(name, 20);
