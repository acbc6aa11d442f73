CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, fee numeric(12,2) NOT NULL);
INSERT INTO payments VALUES (1, 100.00, 2.50), (2, 40.00, 1.00);
