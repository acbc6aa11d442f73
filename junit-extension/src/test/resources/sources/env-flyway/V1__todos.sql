create table if not exists todos (
  id uuid primary key default extensions.uuid_generate_v4(),
  owner_id uuid not null default auth.uid(),
  title text not null
);
alter table todos enable row level security;
drop policy if exists todos_owner on todos;
create policy todos_owner on todos to authenticated using (owner_id = auth.uid());
