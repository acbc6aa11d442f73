CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE, status text CHECK (status IN ('a', 'b')));
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int REFERENCES customers (id), total numeric(10,2) DEFAULT 0);
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, m mood);
INSERT INTO customers (email, status) VALUES ('a@x', 'a'), ('b@x', 'b');
INSERT INTO orders (customer_id, total) VALUES (1, 10), (2, 20), (1, 5);
INSERT INTO people VALUES (1, 'happy'), (2, 'sad');
