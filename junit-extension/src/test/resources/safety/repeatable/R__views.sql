CREATE OR REPLACE VIEW jobs_view AS SELECT id FROM runs;
CREATE OR REPLACE VIEW runs_view AS SELECT r.id, r.created_at FROM runs r JOIN jobs_view j ON j.id = r.id;
