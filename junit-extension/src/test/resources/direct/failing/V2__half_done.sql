-- two statements run, the third fails: nothing of V2 may stay
INSERT INTO accounts VALUES (2, 'bob@example.com');
CREATE TABLE audit (id int);
UPDATE accounts SET emial = lower(email);
