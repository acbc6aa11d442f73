INSERT INTO orders (customer) VALUES ('seed');
SELECT pg_sleep(100000);
