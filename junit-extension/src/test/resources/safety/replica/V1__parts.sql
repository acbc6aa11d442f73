CREATE TABLE parts (id int PRIMARY KEY, name text);
INSERT INTO parts VALUES (1, 'bolt');
