-- VACUUM cannot run inside a transaction: this migration runs outside one (V2__vacuum.sql.conf)
DELETE FROM accounts WHERE id = 3;
VACUUM accounts;
