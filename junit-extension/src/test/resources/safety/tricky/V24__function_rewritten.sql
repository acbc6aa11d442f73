-- a function written anew with another body each time the migration runs: its replay is not
-- a no-op, and the capture after the replay must see the new body
DO $$
BEGIN
  EXECUTE format('CREATE OR REPLACE FUNCTION lucky_number() RETURNS int LANGUAGE sql AS %L',
                 'SELECT ' || floor(random() * 1000000000)::int);
END
$$;
