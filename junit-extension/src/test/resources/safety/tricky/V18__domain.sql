CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TABLE amounts (v posint);
ALTER DOMAIN posint RENAME TO positive;
