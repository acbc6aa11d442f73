-- a migration that drops the session's prepared statements, Cofferdam's among them
DEALLOCATE ALL;
CREATE TABLE b (id int PRIMARY KEY);
