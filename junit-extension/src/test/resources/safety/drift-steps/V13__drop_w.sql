-- "a.b".c is the closest again
ALTER TABLE "a.b".c DROP COLUMN IF EXISTS w;
