SET LOCAL search_path = extra, public;
CREATE TABLE local_path (id int REFERENCES extra.t (id));
