DROP FUNCTION IF EXISTS list_orders();
CREATE FUNCTION list_orders() RETURNS TABLE (id bigint, status varchar, total numeric)
LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN QUERY SELECT o.id, o.status, o.total FROM orders o; END $$;
