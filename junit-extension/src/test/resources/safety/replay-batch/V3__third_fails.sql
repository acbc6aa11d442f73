CREATE TABLE IF NOT EXISTS tags (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO tags VALUES (1, 'new') ON CONFLICT DO NOTHING;
UPDATE items SET label = label WHERE id = 1;

-- the fourth statement fails when the script runs again
ALTER TABLE tags ADD COLUMN colour text;
