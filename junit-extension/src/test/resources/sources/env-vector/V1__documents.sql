create extension if not exists vector with schema extensions;
create table documents (id bigserial primary key, embedding extensions.vector(3));
