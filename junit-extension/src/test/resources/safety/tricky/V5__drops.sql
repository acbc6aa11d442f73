DROP INDEX orders_double;
ALTER TABLE clients DROP CONSTRAINT customers_status_check;
DROP TRIGGER orders_touch ON orders;
DROP VIEW order_totals;
