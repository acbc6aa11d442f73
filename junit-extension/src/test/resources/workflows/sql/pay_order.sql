-- a workflow in SQL: each statement runs in order; any error fails it
INSERT INTO orders (status) VALUES ('new');
UPDATE orders SET status = 'paid' WHERE status = 'new';
