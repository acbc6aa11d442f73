CREATE OR REPLACE VIEW seen_paths AS SELECT version, path FROM seen;
