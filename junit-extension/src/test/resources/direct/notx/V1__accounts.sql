CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO accounts VALUES (1, 'a@x'), (2, 'b@x');
