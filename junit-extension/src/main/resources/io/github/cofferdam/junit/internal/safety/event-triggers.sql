-- Cofferdam's schema in the walk's database, and the event triggers that log what DDL touched:
-- ddl_command_end logs the address of every object a command created or altered (also DDL run
-- inside functions and DO blocks), sql_drop every dropped object. Installed where the walk's user
-- is superuser; removed when the walk ends (event-triggers-drop.sql).
DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops;
DROP EVENT TRIGGER IF EXISTS cofferdam_record_ddl;
DROP SCHEMA IF EXISTS _cofferdam CASCADE;
CREATE SCHEMA _cofferdam;
CREATE TABLE _cofferdam.dropped (object_type text, object_identity text, original boolean,
  normal boolean, classid oid, objid oid, address_names text[], rows_read bigint);
CREATE TABLE _cofferdam.ddl (classid oid, objid oid);
CREATE TABLE _cofferdam.digests (oid oid, digest text);
-- As their owner: a migration may have SET ROLE to a role that cannot see _cofferdam.
CREATE FUNCTION _cofferdam.record_drops() RETURNS event_trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  BEGIN
    -- for a table: how many rows this transaction read from it before it went (a move reads them)
    INSERT INTO _cofferdam.dropped SELECT object_type, object_identity, original, normal, classid,
      objid, address_names, CASE WHEN object_type = 'table' THEN
        pg_stat_get_xact_tuples_returned(objid) + pg_stat_get_xact_tuples_fetched(objid) END
      FROM pg_event_trigger_dropped_objects();
  END $$;
CREATE FUNCTION _cofferdam.record_ddl() RETURNS event_trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  BEGIN
    INSERT INTO _cofferdam.ddl SELECT classid, objid FROM pg_event_trigger_ddl_commands();
  END $$;
CREATE EVENT TRIGGER cofferdam_record_drops ON sql_drop EXECUTE FUNCTION _cofferdam.record_drops();
CREATE EVENT TRIGGER cofferdam_record_ddl ON ddl_command_end
  EXECUTE FUNCTION _cofferdam.record_ddl();
-- Also in replica mode (SET session_replication_role = replica, the usual way to turn triggers
-- off for a bulk load), where a trigger enabled ORIGIN does not fire.
ALTER EVENT TRIGGER cofferdam_record_drops ENABLE ALWAYS;
ALTER EVENT TRIGGER cofferdam_record_ddl ENABLE ALWAYS;
