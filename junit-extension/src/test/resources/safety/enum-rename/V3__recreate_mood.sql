-- the type recreated without a label: 'ok' is no longer accepted
ALTER TABLE queues DROP COLUMN IF EXISTS feeling;
DROP TYPE IF EXISTS mood;
CREATE TYPE mood AS ENUM ('sad', 'happy');
