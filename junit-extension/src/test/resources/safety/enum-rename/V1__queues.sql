DO $$ BEGIN
  CREATE TYPE queue_type AS ENUM ('a.Flow', 'b.Execution');
  CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE TABLE IF NOT EXISTS queues (id int PRIMARY KEY, type queue_type NOT NULL, feeling mood);
INSERT INTO queues VALUES (1, 'a.Flow', 'sad'), (2, 'b.Execution', 'happy') ON CONFLICT DO NOTHING;
