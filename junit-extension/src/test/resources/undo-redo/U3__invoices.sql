-- gives back the schema and the rows, but not the sequence's position
DROP TABLE invoices;
