INSERT INTO orders (customer) VALUES ('seed');
