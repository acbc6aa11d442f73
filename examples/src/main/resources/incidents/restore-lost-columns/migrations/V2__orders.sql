CREATE TABLE IF NOT EXISTS orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total numeric(12, 2) NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now()
);
