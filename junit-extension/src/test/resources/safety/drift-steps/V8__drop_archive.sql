DROP TABLE IF EXISTS orders_archive;
