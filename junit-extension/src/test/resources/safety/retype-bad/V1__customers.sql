CREATE TABLE IF NOT EXISTS customers (
  id int PRIMARY KEY, name varchar(100) NOT NULL, visits int NOT NULL, seen_at timestamp NOT NULL);
INSERT INTO customers VALUES
  (1, 'Ada Lovelace, Countess of Lovelace', 3, '2025-01-02 03:04:05'),
  (2, 'Bob', 1, '2025-02-03 04:05:06')
  ON CONFLICT DO NOTHING;
