-- The RPC the app calls (supabase.rpc('create_order', { p_total })), as it shipped:
-- VARCHAR where the table has TEXT and TIMESTAMPTZ where it has TIMESTAMP. Every call fails
-- with 42804 "structure of query does not match function result type".
create or replace function public.create_order(p_total numeric)
returns table (
  id          uuid,
  customer_id uuid,
  status      varchar,
  total       numeric,
  created_at  timestamptz
)
language plpgsql security invoker set search_path = '' as $$
begin
  return query
  insert into public.orders (total) values (p_total)
  returning orders.id, orders.customer_id, orders.status, orders.total, orders.created_at;
end $$;
revoke execute on function public.create_order(numeric) from public, anon;
grant execute on function public.create_order(numeric) to authenticated;
