-- SQL-standard bodies: the JDBC driver cannot split two of them in one text, Flyway's executor sends them
CREATE OR REPLACE FUNCTION item_label(p int) RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT label FROM items WHERE id = p;
END;
CREATE OR REPLACE FUNCTION item_labels() RETURNS SETOF text LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT label FROM items ORDER BY id;
END;
