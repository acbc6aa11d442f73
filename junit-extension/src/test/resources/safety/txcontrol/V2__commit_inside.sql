-- the rows that break the constraint go first, committed, then the constraint: a second run
-- fails, the constraint exists
DELETE FROM items WHERE qty > 18;
COMMIT;
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty <= 18);
