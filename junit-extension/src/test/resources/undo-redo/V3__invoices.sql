CREATE TABLE IF NOT EXISTS invoices (id int PRIMARY KEY, number bigint NOT NULL);
INSERT INTO invoices VALUES (1, nextval('invoice_number')) ON CONFLICT DO NOTHING;
