-- production has orders: every statement of V2 runs against them
INSERT INTO orders SELECT g, 'customer ' || g, g * 2.5 FROM generate_series(1, 500) g;
