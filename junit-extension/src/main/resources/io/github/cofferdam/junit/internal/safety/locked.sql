-- The relations the transaction holds a lock on, and whether it wrote rows to them
-- (RowExclusiveLock). A transaction locks every relation whose pg_class row it writes (CREATE,
-- ALTER, TRUNCATE, RENAME) and every table it inserts into, updates or deletes from: the scan is
-- over its locks, not over pg_class. Read once: pg_locks walks the whole lock table.
locked AS MATERIALIZED (SELECT l.relation, bool_or(l.mode = 'RowExclusiveLock') AS wrote
  FROM pg_locks l WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid()
  AND l.relation >= 16384 GROUP BY l.relation),
-- Relations whose pg_class row this transaction wrote: age(xmin) is 0 or less for the
-- migration's rows, below 0 for the replay's (written in a subtransaction, see Inspector.begin).
written AS (SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid
  FROM locked l JOIN pg_class c ON c.oid = l.relation
  WHERE c.relkind IN ('r', 'p', 'f', 'm', 'v', 'S')
  AND age(c.xmin) <= 0) -- if:migration
  AND age(c.xmin) < 0) -- if:replay
