package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.internal.flyway.FlywayInternals;
import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migrations that do their own transaction control ({@code COMMIT}, {@code BEGIN}, {@code ROLLBACK}
 * inside), that run outside a transaction ({@code executeInTransaction=false}) or that build an
 * index {@code CONCURRENTLY}: the walk applies each as Flyway does, goes on, and its idempotency
 * verdicts equal those of the plain truth, each migration applied twice by Flyway on a fresh
 * database of its own (its history row removed between the two runs).
 */
class TransactionControlTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  private static final String LOCATION = "classpath:safety/txcontrol";

  @Test
  @Timeout(300)
  void the_walks_verdicts_should_equal_applying_each_migration_twice() throws Exception {
    Map<String, Boolean> walk = new LinkedHashMap<>();
    try (TestDatabase db = server.createDatabase("walk")) {
      MigrationWalker walker = new MigrationWalker(db, settings());
      for (StepResult s :
          SafetyWalk.bare(db, walker).verifyingIncrementalCapture().walk(walker.plan())) {
        assertThat(s.outcome()).as(s.script()).isEqualTo(StepResult.Outcome.APPLIED);
        walk.put(
            s.version(),
            s.findings().stream().noneMatch(f -> f.rule().equals(Rule.NON_IDEMPOTENT)));
      }
    }
    Map<String, Boolean> twice = new LinkedHashMap<>();
    for (String version : walk.keySet()) {
      twice.put(version, idempotentWhenAppliedTwice(version));
    }

    assertThat(walk).isEqualTo(twice);
    // the shapes the fixture is made of, so that the comparison cannot pass on an empty history
    assertThat(twice)
        .containsExactly(
            Map.entry("1", true),
            Map.entry("2", false), // COMMIT inside; the constraint exists on the second run
            Map.entry("3", true), // BEGIN; … COMMIT;
            Map.entry("4", false), // CREATE INDEX CONCURRENTLY, no IF NOT EXISTS
            Map.entry("5", true), // … IF NOT EXISTS
            Map.entry("6", false), // outside a transaction, the row added again
            Map.entry("7", true), // ROLLBACK inside undoes its first statement
            Map.entry("8", true));
  }

  @Test
  @Timeout(300)
  void a_failing_second_run_should_name_the_migration_and_the_error() throws Exception {
    try (TestDatabase db = server.createDatabase("walk")) {
      MigrationWalker walker = new MigrationWalker(db, settings());
      List<StepResult> steps = SafetyWalk.bare(db, walker).walk(walker.plan());
      assertThat(steps.get(1).findings())
          .filteredOn(f -> f.rule().equals(Rule.NON_IDEMPOTENT))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.message())
                      .startsWith("V2__commit_inside.sql fails when applied a second time")
                      .contains("42710")
                      .contains("items_qty_check"));
      assertThat(steps.get(3).findings())
          .filteredOn(f -> f.rule().equals(Rule.NON_IDEMPOTENT))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.message())
                      .startsWith("V4__index_concurrently.sql fails when applied a second time")
                      .contains("42P07"));
      // the walk went on from what the second run of V6 left: its row twice, as it says
      assertThat(steps.get(5).findings())
          .filteredOn(f -> f.rule().equals(Rule.NON_IDEMPOTENT))
          .singleElement()
          .satisfies(f -> assertThat(f.message()).contains("changes data when applied a second"));
      assertThat(steps).hasSize(8);
    }
  }

  /** V applied twice by Flyway on a database of its own, the history row removed in between. */
  private static boolean idempotentWhenAppliedTwice(String version) throws SQLException {
    try (TestDatabase db = server.createDatabase("twice " + version)) {
      Flyway flyway = flyway(db, version);
      flyway.migrate();
      CatalogSnapshot once = snapshot(db);
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM flyway_schema_history WHERE version = '" + version + "'");
      }
      try {
        flyway.migrate();
      } catch (FlywayException e) {
        return false;
      }
      CatalogSnapshot again = snapshot(db);
      return SchemaDiff.between(once, again).changes().isEmpty()
          && DataDiff.between(once, again).changed().isEmpty();
    }
  }

  private static Flyway flyway(TestDatabase db, String target) {
    FluentConfiguration c = Flyway.configure().dataSource(db).locations(LOCATION).target(target);
    FlywayInternals.transactionalLock(c, false); // on every Flyway line
    return c.load();
  }

  private static CatalogSnapshot snapshot(TestDatabase db) throws SQLException {
    try (Connection c = db.getConnection()) {
      return CatalogSnapshot.capture(
          c,
          SnapshotOptions.defaults()
              .excludeTables("flyway_schema_history")
              .excludeSchemas("_cofferdam"));
    }
  }

  private static FlywaySettings settings() {
    return Fixtures.settings(LOCATION, FlywaySettings.TRANSACTIONAL_LOCK, "false");
  }
}
