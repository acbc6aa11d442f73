-- the rows move to a new table, then the old one goes
CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, v text NOT NULL);
DO $$
BEGIN
  IF to_regclass('old_items') IS NOT NULL THEN
    INSERT INTO items (id, v) SELECT id, v FROM old_items ON CONFLICT DO NOTHING;
    DROP TABLE old_items;
  END IF;
END $$;
