-- The orders production had when the enum changed (seeded right before that migration).
INSERT INTO "Order" ("id", "status", "total")
SELECT g, CASE WHEN g % 3 = 0 THEN 'PENDING' ELSE 'PAID' END::"OrderStatus", g * 1.5
FROM generate_series(1, 30) g
ON CONFLICT ("id") DO NOTHING;
