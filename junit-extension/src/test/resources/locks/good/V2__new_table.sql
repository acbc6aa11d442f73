-- everything at once on a table created in the same migration: nobody can wait on it
CREATE TABLE IF NOT EXISTS refunds (id bigint PRIMARY KEY, order_id bigint, amount numeric);
INSERT INTO refunds SELECT g, g, 1 FROM generate_series(1, 20) g ON CONFLICT DO NOTHING;
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS token double precision DEFAULT random();
CREATE INDEX IF NOT EXISTS refunds_amount_idx ON refunds (amount);
ALTER TABLE refunds DROP CONSTRAINT IF EXISTS refunds_order_fk;
ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES refunds (id);
ALTER TABLE refunds ALTER COLUMN amount SET NOT NULL;
