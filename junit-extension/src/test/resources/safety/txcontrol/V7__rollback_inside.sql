-- a ROLLBACK undoes what came before it; what follows is idempotent
INSERT INTO audit VALUES (99, 'undone');
ROLLBACK;
INSERT INTO audit VALUES (1, 'kept') ON CONFLICT DO NOTHING;
