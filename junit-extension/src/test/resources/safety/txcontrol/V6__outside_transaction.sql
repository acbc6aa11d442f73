-- outside a transaction (V6__outside_transaction.sql.conf); a second run adds the row again
CREATE TABLE IF NOT EXISTS notes (note text);
INSERT INTO notes VALUES ('once');
