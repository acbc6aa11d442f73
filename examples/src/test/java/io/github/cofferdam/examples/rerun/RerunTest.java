package io.github.cofferdam.examples.rerun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 2 (seed 000): migrations that worked once fail, or double data, when re-run. Cofferdam
 * applies each migration twice.
 */
class RerunTest {

  /** The fixed migrations: every statement is guarded, so a second run changes nothing. */
  @Nested
  @MigrationTest(locations = "classpath:incidents/rerun/fixed")
  class Fixed implements MigrationSafety {}

  /** The migrations as they were first written; run through the engine below. */
  @MigrationTest(locations = "classpath:incidents/rerun/broken")
  static class Broken implements MigrationSafety {}

  @Test
  void the_broken_migrations_fail_when_applied_twice() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("V1 payments"))
        .contains(
            "[non-idempotent] V1__payments.sql fails when applied a second time, at line 1, with"
                + " SQLSTATE 42P07")
        .contains("Fix: Use CREATE TABLE IF NOT EXISTS.");
    assertThat(outcomes.get("V2 payments currency"))
        .contains(
            "[non-idempotent] V2__payments_currency.sql fails when applied a second time, at line"
                + " 1, with SQLSTATE 42701")
        .contains("Fix: Use ADD COLUMN IF NOT EXISTS.");
  }
}
