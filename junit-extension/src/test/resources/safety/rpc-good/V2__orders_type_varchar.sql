ALTER TABLE orders ALTER COLUMN type TYPE varchar(50);
DROP FUNCTION IF EXISTS list_orders();
CREATE OR REPLACE FUNCTION list_orders() RETURNS TABLE (id int, type varchar, status text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY SELECT o.id, o.type, o.status FROM orders o;
END;
$$;
