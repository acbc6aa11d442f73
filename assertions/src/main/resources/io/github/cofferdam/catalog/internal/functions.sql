-- Functions, procedures, aggregates and window functions, with their result columns.
SELECT n.nspname AS schema, p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS arguments,
       CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'
         WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' END AS kind,
       CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS result,
       p.proretset AS returns_set,
       (SELECT tn.nspname || '.' || tc.relname FROM pg_type rt
          JOIN pg_class tc ON tc.oid = rt.typrelid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
        WHERE rt.oid = p.prorettype AND tc.relkind IN ('r', 'p', 'v', 'm', 'f')) AS returns_row_of,
       ARRAY(SELECT a.name FROM unnest(p.proallargtypes, p.proargmodes, p.proargnames)
               WITH ORDINALITY AS a(typ, mode, name, ord)
             WHERE a.mode IN ('o', 'b', 't') ORDER BY a.ord) AS result_names,
       ARRAY(SELECT format_type(a.typ, NULL)
             FROM unnest(p.proallargtypes, p.proargmodes, p.proargnames)
               WITH ORDINALITY AS a(typ, mode, name, ord)
             WHERE a.mode IN ('o', 'b', 't') ORDER BY a.ord) AS result_types,
       l.lanname AS language,
       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable'
         ELSE 'volatile' END AS volatility,
       p.prosecdef AS security_definer,
       md5(coalesce(p.prosrc, '') || coalesce(p.probin, '')) AS body_hash,
       p.oid AS oid
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE ${schemas}
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                  WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e')
  ${only:p.oid}
