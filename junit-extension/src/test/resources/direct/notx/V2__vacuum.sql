-- VACUUM cannot run inside a transaction: this script runs outside one (V2__vacuum.sql.conf), so
-- the walk's own loop stops here and flyway migrate() applies this migration and the next
DELETE FROM accounts WHERE id = 2;
VACUUM accounts;
