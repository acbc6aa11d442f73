-- outside a transaction (Flyway sees CONCURRENTLY); a second run fails: the index exists
CREATE INDEX CONCURRENTLY items_tag_idx ON items (tag);
