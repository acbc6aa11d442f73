-- values and defaults of timestamptz print in the session's time zone
SET LOCAL TIME ZONE 'Asia/Tokyo';
CREATE TABLE later (id int);
