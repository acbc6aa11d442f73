-- a SQL callback: Flyway runs it after each migration, so the walk goes through flyway migrate()
INSERT INTO calls (n) SELECT count(*) + 1 FROM calls;
