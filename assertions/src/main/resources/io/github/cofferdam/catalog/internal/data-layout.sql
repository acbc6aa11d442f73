-- The column names of tables and foreign tables, in order: what a fingerprint needs.
SELECT n.nspname AS schema, c.relname AS name,
       ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid
               AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text AS columns
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'f') AND ${schemas}
