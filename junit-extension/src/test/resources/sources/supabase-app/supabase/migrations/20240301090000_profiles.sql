-- profiles: one row per auth user, created by a trigger on auth.users (Supabase's quick start)
create table if not exists public.profiles (
  id uuid not null references auth.users (id) on delete cascade primary key,
  username text unique,
  avatar_url text,
  updated_at timestamptz
);
alter table public.profiles enable row level security;

drop policy if exists "Public profiles are viewable by everyone." on public.profiles;
create policy "Public profiles are viewable by everyone." on public.profiles
  for select to anon, authenticated using (true);
drop policy if exists "Users can update own profile." on public.profiles;
create policy "Users can update own profile." on public.profiles
  for update to authenticated using ((select auth.uid()) = id);

create or replace function public.handle_new_user() returns trigger
  language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, username)
  values (new.id, new.raw_user_meta_data ->> 'username');
  return new;
end $$;
drop trigger if exists on_auth_user_created on auth.users;
create trigger on_auth_user_created after insert on auth.users
  for each row execute procedure public.handle_new_user();
