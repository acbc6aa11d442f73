CREATE TABLE base (id int);
CREATE TABLE child () INHERITS (base);
ALTER TABLE child NO INHERIT base;
TRUNCATE extra.people;
