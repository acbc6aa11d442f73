-- a label renamed in place: what was stored reads as the new name
DO $$ BEGIN
  ALTER TYPE queue_type RENAME VALUE 'a.Flow' TO 'a.FlowWithSource';
EXCEPTION WHEN invalid_parameter_value THEN NULL;
END $$;
