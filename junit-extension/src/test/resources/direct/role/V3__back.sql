-- Flyway gives the next migration its own role again
CREATE TABLE IF NOT EXISTS audit (id int PRIMARY KEY, made_by text NOT NULL DEFAULT current_user);
INSERT INTO audit (id) VALUES (1) ON CONFLICT DO NOTHING;
