SELECT count(*) FROM orders;
SELECT * FROM no_such_table;
