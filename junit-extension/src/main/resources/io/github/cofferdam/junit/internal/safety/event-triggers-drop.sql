-- Removes the event triggers when the walk ends (Cofferdam's schema goes with the database).
DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops;
DROP EVENT TRIGGER IF EXISTS cofferdam_record_ddl;
