INSERT INTO seen VALUES ('4', current_setting('search_path'), current_user, current_setting('TimeZone'));
CREATE TABLE later (id int PRIMARY KEY, at timestamptz DEFAULT now());
