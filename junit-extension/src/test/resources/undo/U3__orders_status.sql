-- rebuilds the table as it was: without its rows
DROP TABLE orders;
CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL, note text);
CREATE INDEX orders_total_idx ON orders (total);
