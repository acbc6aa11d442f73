-- a role that owns the application's objects (roles belong to the server: made once)
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cofferdam_app_owner') THEN
    CREATE ROLE cofferdam_app_owner NOLOGIN;
  END IF;
END $$;
GRANT USAGE, CREATE ON SCHEMA public TO cofferdam_app_owner;
