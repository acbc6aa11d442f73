-- the usual way to have the application role own what a migration creates
SET ROLE cofferdam_app_owner;
CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO accounts VALUES (1, 'ada@example.com') ON CONFLICT DO NOTHING;
