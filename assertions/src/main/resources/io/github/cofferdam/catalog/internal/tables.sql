-- Tables, partitioned tables, partitions and foreign tables.
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS relkind,
       (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i
          JOIN pg_class p ON p.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE i.inhrelid = c.oid AND c.relispartition) AS partition_of,
       pg_get_expr(c.relpartbound, c.oid) AS partition_bound,
       c.relrowsecurity AS row_level_security,
       c.oid AS oid
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f') AND ${schemas}
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                  WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')
  ${only:c.oid}
