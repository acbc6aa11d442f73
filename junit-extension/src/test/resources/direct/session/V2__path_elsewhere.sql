-- a session-level search path: Flyway sets its own again before the next migration
SET search_path TO pg_catalog;
INSERT INTO public.seen VALUES ('2', current_setting('search_path'), current_user, current_setting('TimeZone'));
