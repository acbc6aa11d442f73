-- What a migration (or its replay) changed, in one query on its connection inside its
-- transaction: the settings that change how definitions print; every object changed (from the
-- DDL log of the event trigger and pg_class.xmin) or depending on one (pg_depend), placed on its
-- relation; the dropped objects; the statistics of the tables written to. Both logs are emptied.
--
-- After the migration it also keeps a digest of each function the migration created or replaced
-- (its whole pg_proc row); after the replay, a function replaced by an identical row ("same":
-- CREATE OR REPLACE FUNCTION run again, the usual idempotent migration) is not read again, unless
-- something else it depends on changed, which names it again as a dependent.
--
-- Lines ending in "if:migration" or "if:replay" belong to one of the two variants only.
WITH {{locked}},
ddl AS (DELETE FROM _cofferdam.ddl RETURNING classid, objid),
dr AS (DELETE FROM _cofferdam.dropped RETURNING object_type, object_identity, original, normal,
  classid, objid, address_names, rows_read),
nodigest AS (DELETE FROM _cofferdam.digests), -- if:migration
digest AS (INSERT INTO _cofferdam.digests SELECT p.oid, md5(p::text) FROM ddl t -- if:migration
  JOIN pg_proc p ON p.oid = t.objid WHERE t.classid = 'pg_proc'::regclass), -- if:migration
touched0 AS (SELECT classid, objid FROM ddl UNION SELECT classid, objid FROM written),
-- A relation's row type, and a type's array type, are renamed with it: what names them (a
-- function returning SETOF the table, taking an array of it, a column of that type) depends on
-- the type, not on the relation.
types AS (SELECT objid AS oid FROM touched0 WHERE classid = 'pg_type'::regclass
  UNION SELECT c.reltype FROM touched0 t JOIN pg_class c ON c.oid = t.objid
  WHERE t.classid = 'pg_class'::regclass AND c.reltype <> 0),
touched AS (SELECT classid, objid FROM touched0
  UNION SELECT 'pg_type'::regclass::oid, oid FROM types
  UNION SELECT 'pg_type'::regclass::oid, y.typarray FROM types
  JOIN pg_type y ON y.oid = types.oid WHERE y.typarray <> 0),
objects AS (SELECT classid, objid, true AS direct FROM touched
  UNION ALL SELECT d.classid, d.objid, t.classid = 'pg_type'::regclass
  FROM touched t CROSS JOIN LATERAL (SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = t.classid AND d.refobjid = t.objid OFFSET 0) d)
{{settings-row}}
-- An object, the relation it is placed on, and (after the migration) what that relation is.
UNION ALL SELECT 'object', o.classid::regclass::text, o.objid, o.direct, r.relation,
  coalesce((SELECT t.typtype = 'e' FROM pg_type t
    WHERE o.classid = 'pg_type'::regclass AND t.oid = o.objid), false),
  k.relkind::text, k.relhastriggers, k.policies, k.relacl IS NOT NULL, -- if:migration
  (SELECT p.proacl IS NOT NULL FROM pg_proc p -- if:migration
    WHERE o.classid = 'pg_proc'::regclass AND p.oid = o.objid), -- if:migration
-- After the replay, what is read again at all is rare: without kinds it is read whole, and the
-- replay's many unchanged objects are not looked up one by one.
  NULL, NULL, NULL, NULL, NULL, -- if:replay
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL -- if:migration
  CASE WHEN o.classid = 'pg_proc'::regclass AND o.direct THEN -- if:replay
    (SELECT md5(p::text) FROM pg_proc p WHERE p.oid = o.objid) -- if:replay
    = (SELECT d.digest FROM _cofferdam.digests d WHERE d.oid = o.objid) END -- if:replay
  FROM objects o CROSS JOIN LATERAL (SELECT CASE o.classid
    WHEN 'pg_class'::regclass THEN coalesce((SELECT x.indrelid FROM pg_index x
      WHERE x.indexrelid = o.objid), o.objid)
    WHEN 'pg_constraint'::regclass THEN (SELECT nullif(k.conrelid, 0)
      FROM pg_constraint k WHERE k.oid = o.objid)
    WHEN 'pg_trigger'::regclass THEN (SELECT g.tgrelid FROM pg_trigger g WHERE g.oid = o.objid)
    WHEN 'pg_policy'::regclass THEN (SELECT p.polrelid FROM pg_policy p WHERE p.oid = o.objid)
    WHEN 'pg_rewrite'::regclass THEN (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = o.objid)
    WHEN 'pg_attrdef'::regclass THEN (SELECT a.adrelid FROM pg_attrdef a WHERE a.oid = o.objid)
    WHEN 'pg_type'::regclass THEN (SELECT nullif(t.typrelid, 0) FROM pg_type t
      WHERE t.oid = o.objid)
-- OFFSET 0: computed once per object (inlined, the planner copied the CASE and its seven lookups
-- into the relation's kind below).
  END AS relation OFFSET 0) r
  LEFT JOIN LATERAL (SELECT k.relkind, k.relhastriggers, -- if:migration
    EXISTS (SELECT FROM pg_policy y WHERE y.polrelid = k.oid) AS policies, k.relacl -- if:migration
    FROM pg_class k WHERE k.oid = r.relation) k ON true -- if:migration
-- A dropped object, as pg_event_trigger_dropped_objects() reported it.
UNION ALL SELECT 'dropped', classid::regclass::text, objid, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, object_type, object_identity, original, normal, address_names, rows_read, NULL, NULL, NULL,
  NULL,
  NULL FROM dr
{{written-row}}
