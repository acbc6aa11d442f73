CREATE TABLE IF NOT EXISTS order_lines (
  order_id  bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no   integer NOT NULL,
  sku       text    NOT NULL,
  quantity  integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE INDEX IF NOT EXISTS order_lines_sku_idx ON order_lines (sku);
