-- the sequence the table owned goes with it
DROP TABLE IF EXISTS t_seq;
