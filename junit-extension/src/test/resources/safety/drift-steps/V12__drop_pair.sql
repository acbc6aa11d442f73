-- gone again: "a.b".c and a."b.c" tie, nothing is mirrored
DROP TABLE IF EXISTS a.pair;
