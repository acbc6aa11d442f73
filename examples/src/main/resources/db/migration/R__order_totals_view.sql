CREATE OR REPLACE VIEW order_totals AS
  SELECT o.id, o.customer, o.status, count(l.line_no) AS lines
  FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
  GROUP BY o.id, o.customer, o.status;
