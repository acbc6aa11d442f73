-- outside a transaction: the walk goes on under flyway migrate() from here
CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_name_idx ON customers (name);
