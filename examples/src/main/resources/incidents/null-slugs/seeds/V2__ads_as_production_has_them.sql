-- production has ads without a slug (seed 002)
INSERT INTO ads VALUES (1, 'Summer Sale', 'summer-sale'), (2, 'Winter Sale', NULL), (3, 'Spring', '');
