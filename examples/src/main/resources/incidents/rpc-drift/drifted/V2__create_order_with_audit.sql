-- The RPC as it shipped: VARCHAR where the table has TEXT, TIMESTAMPTZ where it has TIMESTAMP,
-- and no version column. Every call fails with 42804 "structure of query does not match".
CREATE OR REPLACE FUNCTION create_order_with_audit(
  p_restaurant_id uuid,
  p_order_number  text,
  p_type          text,
  p_status        text DEFAULT 'pending'
)
RETURNS TABLE (
  id              uuid,
  restaurant_id   uuid,
  order_number    text,
  type            varchar,
  status          text,
  created_at      timestamptz,
  check_closed_at timestamptz
)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_order_id uuid;
BEGIN
  INSERT INTO orders (restaurant_id, order_number, type, status)
  VALUES (p_restaurant_id, p_order_number, p_type, p_status)
  RETURNING orders.id INTO v_order_id;

  RETURN QUERY
  SELECT o.id, o.restaurant_id, o.order_number, o.type, o.status, o.created_at, o.check_closed_at
  FROM orders o WHERE o.id = v_order_id;
END;
$$;
