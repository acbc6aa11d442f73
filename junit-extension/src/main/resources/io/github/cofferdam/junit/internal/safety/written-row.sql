-- The statistics of every table the transaction wrote rows to (they count from its start): the
-- rows DmlRecorder reads.
UNION ALL SELECT 'written', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, n.nspname || '.' || c.relname, pg_stat_get_xact_tuples_inserted(c.oid),
  pg_stat_get_xact_tuples_updated(c.oid), pg_stat_get_xact_tuples_deleted(c.oid), NULL
  FROM locked l JOIN pg_class c ON c.oid = l.relation
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE l.wrote AND c.relkind IN ('r', 'p', 'm', 'f') AND n.nspname <> '_cofferdam'
