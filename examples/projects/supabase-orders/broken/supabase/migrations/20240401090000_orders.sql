-- Orders belong to the signed-in customer; row level security keeps them apart.
create table if not exists public.orders (
  id          uuid        primary key default gen_random_uuid(),
  customer_id uuid        not null default auth.uid() references auth.users (id) on delete cascade,
  status      text        not null default 'pending',
  total       numeric(10, 2) not null,
  created_at  timestamp   not null default now()
);
alter table public.orders enable row level security;
revoke all on public.orders from anon;

drop policy if exists "Customers read their orders" on public.orders;
create policy "Customers read their orders" on public.orders
  for select to authenticated using (customer_id = (select auth.uid()));
drop policy if exists "Customers place their orders" on public.orders;
create policy "Customers place their orders" on public.orders
  for insert to authenticated with check (customer_id = (select auth.uid()));
