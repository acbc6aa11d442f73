-- One of every object kind the snapshot reads.
CREATE SCHEMA shop;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE TYPE shop.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN shop.email AS text CHECK (VALUE LIKE '%@%');

CREATE TABLE shop.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type text NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'refunded')),
  total numeric(12, 2) NOT NULL DEFAULT 0,
  tags text[],
  contact shop.email,
  created_at timestamptz NOT NULL DEFAULT now(),
  check_closed_at timestamp,
  version integer NOT NULL DEFAULT 1,
  total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED,
  mood shop.mood
);
ALTER TABLE shop.orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;

CREATE TABLE shop.order_lines (
  order_id bigint REFERENCES shop.orders (id) ON DELETE CASCADE,
  line_no integer,
  sku text NOT NULL,
  PRIMARY KEY (order_id, line_no),
  UNIQUE (order_id, sku)
);

CREATE TABLE shop.bookings (
  room integer NOT NULL,
  during tsrange NOT NULL,
  EXCLUDE USING gist (during WITH &&)
);

CREATE TABLE shop.measurements (city integer, logdate date NOT NULL) PARTITION BY RANGE (logdate);
CREATE TABLE shop.measurements_2026 PARTITION OF shop.measurements
  FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE INDEX orders_status_idx ON shop.orders (status);
CREATE UNIQUE INDEX orders_type_lower_idx ON shop.orders (lower(type));

CREATE VIEW shop.order_summary AS SELECT status, count(*) AS orders FROM shop.orders GROUP BY status;
CREATE MATERIALIZED VIEW shop.order_totals AS SELECT sum(total) AS total FROM shop.orders;

CREATE FUNCTION shop.create_order(p_type text)
RETURNS TABLE (id bigint, type text, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  RETURN QUERY INSERT INTO shop.orders (type) VALUES (p_type)
    RETURNING orders.id, orders.type, orders.created_at;
END;
$$;

CREATE FUNCTION shop.all_orders() RETURNS SETOF shop.orders
LANGUAGE sql STABLE AS $$ SELECT * FROM shop.orders $$;

CREATE PROCEDURE shop.touch(p integer) LANGUAGE sql AS $$ SELECT p $$;

CREATE FUNCTION shop.audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END;
$$;

CREATE TRIGGER orders_audit BEFORE INSERT ON shop.orders
  FOR EACH ROW EXECUTE FUNCTION shop.audit();
CREATE TRIGGER orders_audit_off AFTER UPDATE ON shop.orders
  FOR EACH ROW EXECUTE FUNCTION shop.audit();
ALTER TABLE shop.orders DISABLE TRIGGER orders_audit_off;

CREATE SEQUENCE shop.invoice_no START 1000 INCREMENT 10;

ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_not_secret ON shop.orders FOR SELECT TO PUBLIC USING (type <> 'secret');

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cofferdam_reader') THEN
    CREATE ROLE cofferdam_reader;
  END IF;
END $$;
GRANT SELECT, INSERT ON shop.orders TO cofferdam_reader;
GRANT EXECUTE ON FUNCTION shop.create_order(text) TO cofferdam_reader;

INSERT INTO shop.orders (type, status, total) VALUES ('book', 'new', 10), ('lamp', 'paid', 25.5);
INSERT INTO shop.order_lines VALUES (1, 1, 'BOOK-1'), (1, 2, 'BOOK-2'), (2, 1, 'LAMP-1');
INSERT INTO shop.measurements VALUES (1, '2026-05-01');
