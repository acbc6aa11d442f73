-- What a migration (or its replay) changed, where DDL is not watched (no superuser): the settings,
-- the relations whose pg_class row it wrote, and the statistics of the tables it wrote to. The
-- catalog is then read whole (ChangeQuery), so only the data needs these rows.
WITH {{locked}}
{{settings-row}}
UNION ALL SELECT 'object', 'pg_class', w.objid, true, w.objid, false, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM written w
{{written-row}}
