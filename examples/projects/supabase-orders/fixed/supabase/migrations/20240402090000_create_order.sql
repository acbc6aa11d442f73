-- The RPC the app calls (supabase.rpc('create_order', { p_total })): it returns the orders row
-- type itself, so its columns cannot drift from the table's.
create or replace function public.create_order(p_total numeric)
returns setof public.orders
language plpgsql security invoker set search_path = '' as $$
begin
  return query
  insert into public.orders (total) values (p_total) returning *;
end $$;
revoke execute on function public.create_order(numeric) from public, anon;
grant execute on function public.create_order(numeric) to authenticated;
