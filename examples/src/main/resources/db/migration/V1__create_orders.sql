CREATE TABLE IF NOT EXISTS orders (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer    text           NOT NULL,
  total       numeric(12, 2) NOT NULL DEFAULT 0,
  created_at  timestamptz    NOT NULL DEFAULT now()
);
