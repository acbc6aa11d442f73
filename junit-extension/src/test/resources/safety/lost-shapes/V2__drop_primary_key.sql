-- the index of the primary key goes with its constraint
ALTER TABLE t_pk DROP CONSTRAINT IF EXISTS t_pk_pkey;
