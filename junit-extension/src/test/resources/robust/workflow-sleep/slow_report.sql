SELECT count(*) FROM orders;
SELECT pg_sleep(100000);
