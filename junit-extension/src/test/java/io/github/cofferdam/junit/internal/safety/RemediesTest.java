package io.github.cofferdam.junit.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fix a replay failure suggests, by statement and SQLSTATE. */
class RemediesTest {

  @Test
  void should_suggest_the_guard_of_the_statement_that_failed() {
    assertThat(Remedies.forReplayFailure("42P07", "create  index\n t_idx ON t (a)"))
        .isEqualTo("Use CREATE INDEX IF NOT EXISTS <name> (and name the index).");
    assertThat(Remedies.forReplayFailure("42703", "ALTER TABLE t DROP COLUMN c"))
        .isEqualTo("Use ALTER TABLE … DROP COLUMN IF EXISTS.");
    assertThat(Remedies.forReplayFailure("42704", "ALTER TABLE t DROP CONSTRAINT t_c_key"))
        .isEqualTo("Use ALTER TABLE … DROP CONSTRAINT IF EXISTS.");
    assertThat(Remedies.forReplayFailure("42701", "ALTER TABLE t ADD COLUMN c int"))
        .isEqualTo("Use ADD COLUMN IF NOT EXISTS.");
    assertThat(Remedies.forReplayFailure("23505", "INSERT INTO t VALUES (1)"))
        .isEqualTo("Use INSERT … ON CONFLICT DO NOTHING (or … DO UPDATE).");
  }

  @Test
  void should_point_at_the_earlier_insert_when_a_subquery_finds_its_rows_twice() {
    // the statement that fails reads a table an earlier statement filled again
    assertThat(
            Remedies.forReplayFailure(
                "21000", "INSERT INTO complex_field (id) VALUES ((SELECT id FROM field_type))"))
        .startsWith("A subquery finds more than one row on the second run");
  }
}
