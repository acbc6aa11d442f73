CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, name text);
