CREATE TABLE audit (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id));
INSERT INTO audit VALUES (1, 1);
