-- the ALTERs lock person for the rest of the migration: fail fast rather than queue behind a long query
SET LOCAL lock_timeout = '5s';
ALTER TABLE person ADD COLUMN IF NOT EXISTS first_name text;
ALTER TABLE person ADD COLUMN IF NOT EXISTS last_name text;
UPDATE person SET first_name = split_part(full_name, ' ', 1),
                  last_name = nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '')
  WHERE first_name IS NULL;
