-- the table changes under an unchanged function: the drift starts here
ALTER TABLE orders ALTER COLUMN status TYPE varchar(20);
