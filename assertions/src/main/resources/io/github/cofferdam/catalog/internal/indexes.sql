-- Indexes of tables and materialized views, with their key columns or expressions in order.
SELECT n.nspname AS schema, t.relname AS relation, i.relname AS name,
       pg_get_indexdef(i.oid) AS definition,
       x.indisunique AS is_unique,
       x.indisvalid AS valid,
       ARRAY(SELECT pg_get_indexdef(i.oid, k, true)
             FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS columns
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE t.relkind IN ('r', 'p', 'm') AND ${schemas}
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                  WHERE dep.classid = 'pg_class'::regclass AND dep.objid = t.oid AND dep.deptype = 'e')
  ${only:t.oid}
