-- functions that name a table's row type: renaming the table renames the type they print
CREATE TABLE parcels (id int PRIMARY KEY, weight int);
CREATE FUNCTION parcel_rows() RETURNS SETOF parcels LANGUAGE sql STABLE AS 'SELECT * FROM parcels';
CREATE FUNCTION parcel_weight(p parcels) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT p.weight';
CREATE FUNCTION first_parcel(ps parcels[]) RETURNS parcels LANGUAGE sql IMMUTABLE AS 'SELECT ps[1]';
CREATE TABLE shelves (id int PRIMARY KEY, top parcels);
