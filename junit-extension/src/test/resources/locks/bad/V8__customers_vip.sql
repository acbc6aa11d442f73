ALTER TABLE customers ADD COLUMN IF NOT EXISTS vip boolean DEFAULT (random() > 2);
