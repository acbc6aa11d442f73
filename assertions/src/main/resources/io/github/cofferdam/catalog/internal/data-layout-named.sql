-- The filter of data-layout.sql to a few tables, by name: arg1 their names, arg2 their schemas
-- (in the same order). relname lets PostgreSQL use its (relname, relnamespace) index.
AND c.relname = ANY(current_setting('cofferdam.arg1')::text[]::name[])
AND EXISTS (SELECT 1 FROM unnest(current_setting('cofferdam.arg1')::text[],
                                 current_setting('cofferdam.arg2')::text[]) AS u(relname, nspname)
            WHERE u.relname = c.relname AND u.nspname = n.nspname)
