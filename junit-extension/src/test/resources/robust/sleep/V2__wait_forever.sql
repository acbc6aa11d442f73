-- a migration that never ends
SELECT pg_sleep(100000);
