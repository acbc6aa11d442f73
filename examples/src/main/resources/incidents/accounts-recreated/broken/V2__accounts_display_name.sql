-- "harmless": rebuild accounts with the new column
DROP TABLE IF EXISTS accounts CASCADE;
CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, email text NOT NULL UNIQUE, display_name text);
