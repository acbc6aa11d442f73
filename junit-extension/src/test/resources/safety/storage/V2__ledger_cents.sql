-- rewrites the table (new relfilenode) and, through the trigger, writes to audit
ALTER TABLE ledger ALTER COLUMN amount TYPE bigint;
UPDATE ledger SET amount = amount WHERE id = 1;
