CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, status text NOT NULL, total numeric NOT NULL);
CREATE OR REPLACE FUNCTION list_orders() RETURNS TABLE (id bigint, status text, total numeric)
LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN QUERY SELECT o.id, o.status, o.total FROM orders o; END $$;
