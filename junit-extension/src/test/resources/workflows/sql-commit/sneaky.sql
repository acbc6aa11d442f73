INSERT INTO orders (status) VALUES ('new');
COMMIT;
