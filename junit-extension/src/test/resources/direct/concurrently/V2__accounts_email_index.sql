-- CREATE INDEX CONCURRENTLY cannot run inside a transaction: Flyway runs this script outside one.
-- It waits for every transaction older than it: with Flyway's transactional advisory lock (the
-- default), Flyway's own lock transaction is one of them, and the migration never ends, in the
-- walk as in production (flyway/flyway#3531): flyway.postgresql.transactional.lock=false
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
