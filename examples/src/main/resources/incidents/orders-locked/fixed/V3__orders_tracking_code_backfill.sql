-- The existing rows, under row locks only (in production: in batches, WHERE id BETWEEN …).
UPDATE orders SET tracking_code = md5(random()::text) WHERE tracking_code IS NULL;
