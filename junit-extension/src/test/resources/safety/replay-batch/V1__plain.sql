-- every statement here is sent in one round trip on the replay
CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, label text NOT NULL); -- a comment after the semicolon
INSERT INTO items VALUES (1, 'semi;colon'), (2, E'it\'s;quoted') ON CONFLICT DO NOTHING -- no semicolon before this comment
;
SELECT count(*) FROM items;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'items_label_idx') THEN
    CREATE INDEX items_label_idx ON items (label);
  END IF;
END $$;
/* a block comment; with a semicolon */
CREATE OR REPLACE FUNCTION item_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM items; $$;
