CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY, total int NOT NULL);
INSERT INTO orders SELECT g, g * 10 FROM generate_series(1, 10) g ON CONFLICT DO NOTHING;
