-- a second table with the same columns: no single table is mirrored any more
CREATE TABLE IF NOT EXISTS orders_archive (id bigint, status text, total numeric);
