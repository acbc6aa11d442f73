CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, email text NOT NULL);
--> statement-breakpoint
INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 565) g
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE VIEW active_accounts AS SELECT id, email FROM accounts;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS accounts_touch ON accounts;
--> statement-breakpoint
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
