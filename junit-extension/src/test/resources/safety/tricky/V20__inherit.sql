CREATE TABLE base (id int);
CREATE TABLE child () INHERITS (base);
ALTER TABLE child NO INHERIT base;
TRUNCATE extra.people;
CREATE TABLE stamps (at timestamptz NOT NULL);
INSERT INTO stamps VALUES ('2024-01-01 00:00+00');
