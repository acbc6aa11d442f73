-- a bulk load that turns triggers off the usual way: in replica mode, triggers (event triggers
-- too, unless enabled ALWAYS) do not fire
SET LOCAL session_replication_role = replica;
ALTER TABLE parts ADD COLUMN weight int;
CREATE FUNCTION part_names() RETURNS SETOF text LANGUAGE sql STABLE AS 'SELECT name FROM parts';
CREATE INDEX parts_name ON parts (name);
INSERT INTO parts VALUES (2, 'nut', 3);
