-- CASCADE takes runs_view along; R__views.sql creates both again
DROP VIEW IF EXISTS jobs_view CASCADE;
ALTER TABLE runs ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC';
