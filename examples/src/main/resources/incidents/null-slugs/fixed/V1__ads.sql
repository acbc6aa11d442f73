CREATE TABLE IF NOT EXISTS ads (id int PRIMARY KEY, title text NOT NULL, slug text);
