-- "a.b".c and a."b.c" print alike
CREATE SCHEMA IF NOT EXISTS "a.b";
CREATE SCHEMA IF NOT EXISTS a;
CREATE TABLE IF NOT EXISTS "a.b".c (x int, y int);
CREATE TABLE IF NOT EXISTS a."b.c" (x int, y int, z int);
CREATE OR REPLACE FUNCTION a.xy() RETURNS TABLE (x bigint, y int)
LANGUAGE sql STABLE AS $$ SELECT c.x::bigint, c.y FROM "a.b".c c $$;
