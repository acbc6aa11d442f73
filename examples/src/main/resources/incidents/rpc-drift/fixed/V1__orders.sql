-- The orders table of seed 000 ("Prevention Guide"): text, timestamptz, timestamp, integer version.
CREATE TABLE IF NOT EXISTS orders (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id   uuid,
  order_number    text        NOT NULL,
  type            text        NOT NULL,
  status          text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  check_closed_at timestamp,
  version         integer     NOT NULL DEFAULT 1
);
