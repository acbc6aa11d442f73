CREATE INDEX ON orders (total);
