-- The relations the migration's transaction holds a lock on (pg_locks of the walk's own
-- backend: a lock is held until commit, so this is every lock the migration took), each with all
-- its granted modes, its storage file and size now, and for an index its table; with the
-- lock_timeout the session has and whether the migration set it ('session': SET, SET LOCAL,
-- set_config; the walk's own limit comes with the connection and reads 'client').
-- Sent in the capture's round trip, after the change query.
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind, c.relfilenode,
  x.indrelid AS table_oid, tn.nspname AS table_schema, t.relname AS table_name,
  l.modes, pg_relation_size(c.oid) AS bytes,
  current_setting('lock_timeout') AS lock_timeout,
  (SELECT s.source FROM pg_settings s WHERE s.name = 'lock_timeout') AS lock_timeout_source
FROM (SELECT relation, array_agg(mode::text ORDER BY mode) AS modes FROM pg_locks
  WHERE locktype = 'relation' AND pid = pg_backend_pid() AND granted AND relation >= 16384
  GROUP BY relation) l
JOIN pg_class c ON c.oid = l.relation
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index x ON x.indexrelid = c.oid
LEFT JOIN pg_class t ON t.oid = x.indrelid
LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
WHERE c.relkind IN ('r', 'p', 'm', 'i') AND c.relpersistence <> 't' AND n.nspname <> '_cofferdam'
