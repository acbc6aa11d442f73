package io.github.cofferdam.examples.nullslugs;

import static io.github.cofferdam.junit.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 6 (seed 002): rows had NULL slugs the application assumed present. Making the column NOT
 * NULL without a backfill fails in production; with seed data shaped like production, it fails in
 * CI first.
 */
class NullSlugsTest {

  /** The fix: backfill, then SET NOT NULL. */
  @Nested
  @MigrationTest(
      locations = "classpath:incidents/null-slugs/fixed",
      seeds = "classpath:incidents/null-slugs/seeds")
  class Fixed implements MigrationSafety {
    @Test
    void every_ad_has_a_usable_slug(Connection connection) {
      assertThat(connection)
          .table("ads")
          .column("slug")
          .hasNoNulls()
          .hasNoEmptyStrings()
          .allMatch("^[a-z0-9-]+$");
    }
  }

  /** The migration as it shipped, with the same seed data. */
  @MigrationTest(
      locations = "classpath:incidents/null-slugs/broken",
      seeds = "classpath:incidents/null-slugs/seeds")
  static class Broken implements MigrationSafety {}

  @Test
  void not_null_without_backfill_fails_on_the_seeded_rows() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("NullSlugsTest$Broken"))
        .startsWith(
            "Migration V2__ads_slug_required.sql failed at line 1 with SQLSTATE 23502"
                + " (not_null_violation: a row has NULL in a NOT NULL column (add a default or"
                + " backfill first)).")
        .contains("error:     column \"slug\" of relation \"ads\" contains null values");
  }
}
