CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY, type text NOT NULL, status text NOT NULL);
CREATE OR REPLACE FUNCTION list_orders() RETURNS TABLE (id int, type text, status text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY SELECT o.id, o.type, o.status FROM orders o;
END;
$$;
