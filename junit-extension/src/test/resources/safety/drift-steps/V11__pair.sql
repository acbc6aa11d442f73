-- the closest table now: a.xy drifts from it
CREATE TABLE IF NOT EXISTS a.pair (x int, y int);
