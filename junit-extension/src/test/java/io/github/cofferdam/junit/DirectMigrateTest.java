package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walk applies migrations with its own loop where nothing can tell the difference from {@code
 * flyway migrate}: each case walks the same migrations both ways, into two databases, and compares
 * the steps (findings, diffs, failures), the history table (all but the times) and the final
 * database; Flyway then validates the database the walk's own loop migrated.
 */
class DirectMigrateTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  @Test
  void should_give_migrations_the_session_flyway_gives_them() throws Exception {
    // search path set again after a migration that changed it; other session settings kept
    Walks walks = compare(settings("classpath:direct/session"), "flyway_schema_history");

    assertThat(walks.direct()).hasSize(5).allMatch(s -> s.outcome() == StepResult.Outcome.APPLIED);
    assertThat(walks.seen())
        .containsExactly(
            "1 \"public\",\"$user\", public",
            "2 pg_catalog",
            "3 \"public\",\"$user\", public Asia/Tokyo",
            "4 \"public\",\"$user\", public Asia/Tokyo");
  }

  @Test
  void should_walk_a_migration_that_sets_a_role() throws Exception {
    // SET ROLE app_owner, then DDL: the event triggers, the walk's reads and the history row must
    // not depend on what that role may do, and the next migration runs as Flyway's user again
    Walks walks = compare(settings("classpath:direct/role"), "flyway_schema_history");

    assertThat(walks.direct()).hasSize(3).allMatch(s -> s.outcome() == StepResult.Outcome.APPLIED);
    assertThat(walks.direct()).allMatch(StepResult::safe);
    assertThat(walks.owners()).containsExactly("accounts cofferdam_app_owner", "audit postgres");
  }

  @Test
  void should_write_history_and_schemas_as_flyway_does_with_schemas_and_a_table_name()
      throws Exception {
    FlywaySettings settings =
        new FlywaySettings(
            List.of("classpath:fixtures/schemas"),
            List.of("app"),
            Map.of(),
            "",
            "changes",
            List.of(),
            List.of(),
            Map.of(),
            DirectMigrateTest.class.getClassLoader(),
            io.github.cofferdam.junit.internal.flyway.SourceFiles.FLYWAY);

    Walks walks = compare(settings, "app.changes");

    // Flyway's own row for the schema it created comes first, then the walk's
    assertThat(walks.history())
        .first()
        .asString()
        .startsWith("0|null|<< Flyway Schema Creation >>|SCHEMA");
    assertThat(walks.history()).hasSize(2);
  }

  @Test
  void should_apply_java_and_repeatable_migrations_alike() throws Exception {
    FlywaySettings settings =
        new FlywaySettings(
            List.of("classpath:fixtures/ok"),
            List.of(),
            Map.of("customer", "ada"),
            "",
            "",
            List.<JavaMigration>of(new V3__java_migration()),
            List.of(),
            Map.of(),
            DirectMigrateTest.class.getClassLoader(),
            io.github.cofferdam.junit.internal.flyway.SourceFiles.FLYWAY);

    Walks walks = compare(settings, "flyway_schema_history");

    assertThat(walks.history())
        .extracting(row -> row.split("\\|")[3])
        .containsExactly("SQL", "SQL", "JDBC", "SQL");
  }

  @Test
  void should_explain_a_failure_alike() throws Exception {
    Walks walks = compare(settings("classpath:fixtures/broken"), "flyway_schema_history");

    assertThat(walks.direct().get(1).outcome()).isEqualTo(StepResult.Outcome.FAILED);
    assertThat(walks.direct().get(1).failure().orElseThrow().report())
        .contains("V2__orders_check.sql failed at line 2 with SQLSTATE 42703")
        .contains("file:      ");
    assertThat(walks.history()).hasSize(1);
  }

  @Test
  void should_undo_and_explain_a_failure_after_statements_that_ran() throws Exception {
    // the direct loop sends V2 in one round trip; it fails at its third statement, is rolled back
    // and run again through Flyway's executor to name the statement and its line
    Walks walks = compare(settings("classpath:direct/failing"), "flyway_schema_history");

    assertThat(walks.direct().get(1).failure().orElseThrow().report())
        .startsWith("Migration V2__half_done.sql failed at line 4 with SQLSTATE 42703")
        .contains("statement: UPDATE accounts SET emial = lower(email)");
    assertThat(walks.last().tables()).extracting(t -> t.name()).containsExactly("accounts");
    assertThat(walks.last().dataOf("public", "accounts").orElseThrow().rowCount()).isEqualTo(1);
  }

  @Test
  void should_walk_a_corpus_of_every_kind_of_change_alike() throws Exception {
    Walks walks = compare(settings("classpath:safety/tricky"), "flyway_schema_history");

    assertThat(walks.direct()).hasSize(24);
  }

  @Test
  void should_hand_over_to_flyway_migrate_at_a_migration_outside_a_transaction() throws Exception {
    // V2 (VACUUM) runs outside a transaction: the own loop applies V1, Flyway's loop V2 and V3,
    // and nothing tells the difference from Flyway's loop all along
    Walks walks = compare(settings("classpath:direct/notx"), "flyway_schema_history");

    assertAllApplied(walks.direct(), "1", "2", "3");
    assertThat(walks.last().dataOf("public", "accounts").orElseThrow().rowCount()).isEqualTo(1);
    try (TestDatabase db = server.createDatabase("hand over")) {
      MigrationWalker walker = new MigrationWalker(db, settings("classpath:direct/notx"));
      SafetyWalk.bare(db, walker).walk(walker.plan());

      // V1's history row in V1's own transaction (the own loop), V3's in another (Flyway's)
      assertThat(sameTransaction(db, "flyway_schema_history", "accounts", 1)).isTrue();
      assertThat(sameTransaction(db, "flyway_schema_history", "audit", 3)).isFalse();
    }
  }

  @Test
  @Timeout(120)
  void should_create_an_index_concurrently_with_flyways_session_lock() throws Exception {
    // with Flyway's default transactional lock, CREATE INDEX CONCURRENTLY waits for Flyway's own
    // lock transaction forever (flyway/flyway#3531); the documented setting lets it through
    Walks walks =
        compare(
            settings("classpath:direct/concurrently", "flyway.postgresql.transactional.lock=false"),
            "flyway_schema_history");

    assertAllApplied(walks.direct(), "1", "2", "3");
    assertThat(walks.last().indexes())
        .filteredOn(i -> i.name().equals("accounts_email_idx"))
        .singleElement()
        .matches(CatalogSnapshot.Index::valid, "valid");
  }

  @Test
  void should_go_through_flyway_migrate_when_a_sql_callback_is_there() throws Exception {
    // afterEachMigrate.sql must run after each migration: only flyway migrate() runs it
    try (TestDatabase db = server.createDatabase("sql callback")) {
      MigrationWalker walker = new MigrationWalker(db, settings("classpath:direct/sqlcallback"));
      List<StepResult> steps = SafetyWalk.bare(db, walker).walk(walker.plan());

      assertThat(steps).hasSize(2);
      assertThat(query(db, "SELECT n FROM calls ORDER BY n")).containsExactly("1", "2");
      assertThat(sameTransaction(db, "flyway_schema_history", "calls")).isFalse();
    }
  }

  @Test
  void should_go_through_flyway_migrate_with_baseline_on_migrate() throws Exception {
    // Flyway's baseline could leave out migrations the walk planned: Flyway's loop decides
    try (TestDatabase db = server.createDatabase("baseline on migrate")) {
      MigrationWalker walker =
          new MigrationWalker(
              db, settings("classpath:direct/session", "flyway.baselineOnMigrate=true"));
      List<StepResult> steps = SafetyWalk.bare(db, walker).walk(walker.plan());

      assertThat(steps).hasSize(5);
      assertThat(sameTransaction(db, "flyway_schema_history", "seen")).isFalse();
    }
  }

  @Test
  void should_write_the_history_row_in_the_migrations_own_transaction() throws Exception {
    // the observable difference: Flyway writes its row on another connection
    try (TestDatabase direct = server.createDatabase("direct xmin");
        TestDatabase flyway = server.createDatabase("flyway xmin")) {
      FlywaySettings settings = settings("classpath:direct/session");
      MigrationWalker walker = new MigrationWalker(direct, settings);
      SafetyWalk.bare(direct, walker).walk(walker.plan());
      MigrationWalker through = new MigrationWalker(flyway, settings).throughFlywayMigrate();
      SafetyWalk.bare(flyway, through).walk(through.plan());

      assertThat(sameTransaction(direct, "flyway_schema_history", "seen")).isTrue();
      assertThat(sameTransaction(flyway, "flyway_schema_history", "seen")).isFalse();
    }
  }

  /** The two walks of one case, and what the direct one left in its database. */
  private record Walks(
      List<StepResult> direct,
      List<String> history,
      List<String> seen,
      List<String> owners,
      CatalogSnapshot last) {}

  /** What must not differ between the two loops: everything but the timings. */
  private record Step(
      String version,
      String description,
      String script,
      Integer checksum,
      String type,
      StepResult.Outcome outcome,
      Optional<String> failure,
      List<Finding> findings,
      List<String> uncheckedTables,
      SchemaDiff schemaDiff,
      DataDiff dataDiff) {

    static Step of(StepResult s) {
      return new Step(
          s.version(),
          s.description(),
          s.script(),
          s.checksum(),
          s.type(),
          s.outcome(),
          s.failure().map(MigrationFailure::report),
          s.findings(),
          s.uncheckedTables(),
          s.schemaDiff(),
          s.dataDiff());
    }
  }

  private static Walks compare(FlywaySettings settings, String history) throws Exception {
    try (TestDatabase direct = server.createDatabase("direct");
        TestDatabase flyway = server.createDatabase("through flyway")) {
      MigrationWalker walker = new MigrationWalker(direct, settings);
      List<StepResult> ours = SafetyWalk.bare(direct, walker).walk(walker.plan());
      MigrationWalker through = new MigrationWalker(flyway, settings).throughFlywayMigrate();
      List<StepResult> theirs = SafetyWalk.bare(flyway, through).walk(through.plan());

      assertThat(ours.stream().map(Step::of).collect(Collectors.toList()))
          .isEqualTo(theirs.stream().map(Step::of).collect(Collectors.toList()));
      String rows =
          "SELECT concat_ws('|', installed_rank, coalesce(version, 'null'), description, type,"
              + " script, coalesce(checksum::text, 'null'), installed_by, success) FROM "
              + history
              + " ORDER BY installed_rank";
      List<String> historyRows = query(direct, rows);
      assertThat(historyRows).isNotEmpty().isEqualTo(query(flyway, rows));
      CatalogSnapshot last = snapshot(direct, history);
      CatalogSnapshot expected = snapshot(flyway, history);
      // safety/tricky's lucky_number gets another body each time its migration runs
      assertThat(SchemaDiff.between(expected, last).changes())
          .extracting(SchemaChange::path)
          .allMatch(path -> path.equals("function public.lucky_number()"));
      assertThat(DataDiff.between(expected, last).changed()).isEmpty();
      if (ours.stream().allMatch(s -> s.outcome() == StepResult.Outcome.APPLIED)) {
        assertThat(flyway(direct, settings).validateWithResult().validationSuccessful)
            .as("Flyway validates what the walk's own loop applied")
            .isTrue();
        assertThat(flyway(direct, settings).info().pending()).isEmpty();
      }
      List<String> seen =
          last.tables().stream().anyMatch(t -> t.name().equals("seen"))
              ? query(
                  direct,
                  "SELECT concat_ws(' ', version, path, nullif(zone, current_setting('TimeZone')))"
                      + " FROM seen ORDER BY version")
              : List.of();
      String owners =
          "SELECT c.relname || ' ' || pg_get_userbyid(c.relowner) FROM pg_class c"
              + " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'"
              + " AND c.relname <> 'flyway_schema_history' ORDER BY 1";
      assertThat(query(direct, owners)).isEqualTo(query(flyway, owners));
      return new Walks(ours, historyRows, seen, query(direct, owners), last);
    }
  }

  private static Flyway flyway(TestDatabase db, FlywaySettings s) {
    var c = Flyway.configure(s.classLoader()).dataSource(db);
    c.locations(s.locations().toArray(String[]::new));
    if (!s.schemas().isEmpty()) {
      c.schemas(s.schemas().toArray(String[]::new));
    }
    if (!s.table().isEmpty()) {
      c.table(s.table());
    }
    if (!s.placeholders().isEmpty()) {
      c.placeholders(s.placeholders());
    }
    if (!s.javaMigrations().isEmpty()) {
      c.javaMigrations(s.javaMigrations().toArray(JavaMigration[]::new));
    }
    return c.load();
  }

  private static CatalogSnapshot snapshot(TestDatabase db, String history) throws SQLException {
    try (Connection c = db.getConnection()) {
      return CatalogSnapshot.capture(
          c,
          SnapshotOptions.defaults()
              .excludeTables(history.substring(history.lastIndexOf('.') + 1))
              .excludeSchemas("_cofferdam"));
    }
  }

  private static boolean sameTransaction(TestDatabase db, String history, String table)
      throws SQLException {
    return sameTransaction(db, history, table, 1);
  }

  /**
   * Whether a migration's history row and the first row of a table it wrote share a transaction.
   */
  private static boolean sameTransaction(TestDatabase db, String history, String table, int rank)
      throws SQLException {
    List<String> rows =
        query(
            db,
            "SELECT (SELECT xmin::text::bigint FROM "
                + history
                + " WHERE installed_rank = "
                + rank
                + ") = (SELECT min(xmin::text::bigint) FROM "
                + table
                + ")");
    return rows.get(0).equals("t");
  }

  /** Every step applied, these versions in this order, no failure reported. */
  private static void assertAllApplied(List<StepResult> steps, String... versions) {
    assertThat(steps.stream().map(s -> s.failure().map(MigrationFailure::report)))
        .as("failures")
        .containsOnly(Optional.empty());
    assertThat(steps).extracting(StepResult::version).containsExactly(versions);
    assertThat(steps).extracting(StepResult::outcome).containsOnly(StepResult.Outcome.APPLIED);
  }

  private static FlywaySettings settings(String location) {
    return FlywaySettings.ofLocations(List.of(location), DirectMigrateTest.class.getClassLoader());
  }

  /** One location and one Flyway property ({@code flyway.<name>=<value>}). */
  private static FlywaySettings settings(String location, String property) {
    int eq = property.indexOf('=');
    return Fixtures.settings(location, property.substring(0, eq), property.substring(eq + 1));
  }

  private static List<String> query(TestDatabase db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
