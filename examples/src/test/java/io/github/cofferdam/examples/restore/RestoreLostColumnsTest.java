package io.github.cofferdam.examples.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import io.github.cofferdam.junit.Migrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Incident 5 (seed 002): a database restore silently lost columns and a table the application
 * needed, and no one compared the live schema with what the migrations build. Flyway's history
 * still said every migration was applied.
 *
 * <p>Here the live database is a database of its own on the same embedded server (a {@link
 * Migrator}'s, at the last version), "restored" by dropping what the restore lost; the drift check
 * ({@code cofferdam.drift.url}, as CI would set it) compares it, read only, with what the
 * migrations build.
 */
@MigrationTest(locations = "classpath:incidents/restore-lost-columns/migrations")
class RestoreLostColumnsTest {

  /** The suite as CI runs it against production: the migrations' walk, then the drift check. */
  @MigrationTest(locations = "classpath:incidents/restore-lost-columns/migrations")
  static class Production implements MigrationSafety {}

  @Test
  void the_drift_check_names_every_column_and_table_the_restore_lost(Migrator live)
      throws SQLException {
    live.migrateTo("3");
    // the restore: last week's dump of customers, from before V3; loyalty_ledger not in it at all
    live.execute("DROP TABLE loyalty_ledger");
    live.execute("ALTER TABLE customers DROP COLUMN loyalty_points, DROP COLUMN referral_code");
    String url = url(live);

    Map<String, String> outcomes = Engine.outcomes(Production.class, drift(live, url));

    assertThat(outcomes).containsOnlyKeys("RestoreLostColumnsTest$Production");
    assertThat(outcomes.get("RestoreLostColumnsTest$Production"))
        .isEqualTo(
            "drift: the live database "
                + url
                + " differs from what the migrations build (3 differences, built → live):\n"
                + "  - table public.customers / column loyalty_points: removed\n"
                + "  - table public.customers / column referral_code: removed\n"
                + "  - table public.loyalty_ledger: removed\n"
                + "  Fix: migrate the live database, or restore what it lost; see docs/drift.md.\n"
                + "  report:    target/cofferdam/"
                + Production.class.getName()
                + ".md");
  }

  @Test
  void a_live_database_that_holds_what_the_migrations_build_passes(Migrator live)
      throws SQLException {
    live.migrateTo("3");

    Map<String, String> outcomes = Engine.outcomes(Production.class, drift(live, url(live)));

    // every migration node passes, and the class itself does not fail
    assertThat(outcomes)
        .containsExactly(
            entry("V1 customers", "ok"), entry("V2 orders", "ok"), entry("V3 loyalty", "ok"));
  }

  /** The live database's URL, without parameters. */
  private static String url(Migrator live) throws SQLException {
    try (Connection c = live.dataSource().getConnection()) {
      String url = c.getMetaData().getURL();
      return url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    }
  }

  /** The keys of the drift check, as a CI job sets them. */
  private static Map<String, String> drift(Migrator live, String url) throws SQLException {
    try (Connection c = live.dataSource().getConnection()) {
      return Map.of(
          MigrationTest.DRIFT_URL_KEY,
          url,
          MigrationTest.DRIFT_USER_KEY,
          c.getMetaData().getUserName());
    }
  }
}
