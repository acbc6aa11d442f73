-- "harmless": rebuild the table with the new column
DROP TABLE IF EXISTS accounts CASCADE;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, email text NOT NULL, name text);
