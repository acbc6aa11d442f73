CREATE TABLE IF NOT EXISTS customers (id bigint PRIMARY KEY, name text);
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 50) g ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, customer_id bigint, total numeric, email text);
INSERT INTO orders SELECT g, 1 + g % 50, g * 1.5, 'o' || g || '@example.com'
  FROM generate_series(1, 200) g ON CONFLICT DO NOTHING;
