INSERT INTO ads VALUES (1, 'First ad', 'first-ad'), (2, 'Second ad', NULL);
