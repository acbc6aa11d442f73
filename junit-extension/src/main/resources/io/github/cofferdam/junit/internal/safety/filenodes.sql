-- The storage file of every user table, materialized view and index (what the locks stage
-- compares after each migration: a new relfilenode is a rewrite). Read at the start of the walk
-- and again after seeds or after a migration whose locks are gone when it ends.
SELECT c.oid, c.relfilenode
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid >= 16384 AND c.relkind IN ('r', 'm', 'i', 't') AND c.relpersistence <> 't'
  AND n.nspname NOT IN ('_cofferdam', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
