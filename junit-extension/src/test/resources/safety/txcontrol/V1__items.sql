CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, qty int NOT NULL, tag text);
INSERT INTO items SELECT g, g, 't' || g FROM generate_series(1, 20) g ON CONFLICT DO NOTHING;
