CREATE TABLE accounts (
  id int PRIMARY KEY,
  owner text NOT NULL DEFAULT '${owner}',
  region text NOT NULL DEFAULT '${region}'
);
INSERT INTO accounts (id) VALUES (1);
