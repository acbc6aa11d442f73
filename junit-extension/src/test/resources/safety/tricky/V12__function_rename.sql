ALTER FUNCTION order_count(int) RENAME TO orders_of;
DROP POLICY everyone ON clients;
