-- The first row of a change query: the settings that change how definitions and values print.
SELECT 'settings' AS kind, NULL::text AS catalog, NULL::oid AS oid, NULL::boolean AS direct,
  NULL::oid AS relation, NULL::boolean AS is_enum, NULL::text AS relkind,
  NULL::boolean AS has_triggers, NULL::boolean AS has_policies, NULL::boolean AS has_acl,
  NULL::boolean AS function_acl, {{settings}} AS settings, NULL::text AS object_type,
  NULL::text AS object_identity, NULL::boolean AS original, NULL::boolean AS normal,
  NULL::text[] AS address, NULL::bigint AS rows_read,
  NULL::text AS table_name, NULL::bigint AS ins, NULL::bigint AS upd, NULL::bigint AS del,
  NULL::boolean AS same
