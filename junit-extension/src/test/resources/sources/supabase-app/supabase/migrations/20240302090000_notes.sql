-- notes: private to their owner; ids from pgcrypto's gen_random_uuid, share tokens from uuid-ossp
create table if not exists public.notes (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  body text not null,
  body_digest text generated always as (encode(extensions.digest(body, 'sha256'), 'hex')) stored,
  share_token uuid not null default uuid_generate_v4(),
  created_at timestamptz not null default now()
);
create index if not exists notes_owner_id_idx on public.notes (owner_id);
alter table public.notes enable row level security;
revoke all on public.notes from anon;

drop policy if exists "Owners read their notes" on public.notes;
create policy "Owners read their notes" on public.notes
  for select to authenticated using (owner_id = (select auth.uid()));
drop policy if exists "Owners write their notes" on public.notes;
create policy "Owners write their notes" on public.notes
  for insert to authenticated with check (owner_id = (select auth.uid()));
drop policy if exists "Service role reads everything" on public.notes;
create policy "Service role reads everything" on public.notes
  for select using (auth.role() = 'service_role' or (auth.jwt() ->> 'role') = 'service_role');
