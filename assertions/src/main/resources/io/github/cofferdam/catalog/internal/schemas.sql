-- The schemas that a snapshot covers (not those of extensions).
SELECT n.nspname AS name
FROM pg_namespace n
WHERE ${schemas}
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                  WHERE dep.classid = 'pg_namespace'::regclass AND dep.objid = n.oid AND dep.deptype = 'e')
