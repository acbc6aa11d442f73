CREATE MATERIALIZED VIEW order_count_mv AS SELECT count(*) AS n FROM orders;
REFRESH MATERIALIZED VIEW order_count_mv;
