ALTER TABLE customers ADD COLUMN IF NOT EXISTS loyalty_points int NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN IF NOT EXISTS referral_code text;
CREATE TABLE IF NOT EXISTS loyalty_ledger (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  points int NOT NULL,
  reason text NOT NULL
);
