-- a session-level setting that Flyway does not reset: later migrations see it
SET TimeZone TO 'Asia/Tokyo';
INSERT INTO seen VALUES ('3', current_setting('search_path'), current_user, current_setting('TimeZone'));
