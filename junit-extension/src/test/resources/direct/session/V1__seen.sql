-- what each migration sees of its session: Flyway's search path, its role, a session setting
CREATE TABLE seen (version text, path text, who text, zone text);
INSERT INTO seen VALUES ('1', current_setting('search_path'), current_user, current_setting('TimeZone'));
