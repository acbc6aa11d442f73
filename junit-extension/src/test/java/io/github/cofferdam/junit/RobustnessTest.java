package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.MigrationTestExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What real projects meet: statements that never end, locks that never free, references to versions
 * that do not exist, files Flyway ignores. Each fails before or during the walk with a message that
 * names the migration and the fix, and never hangs.
 */
class RobustnessTest {

  private static final Map<String, String> SHORT_TIMEOUTS =
      Map.of(MigrationTest.STATEMENT_TIMEOUT_KEY, "2s", MigrationTest.LOCK_TIMEOUT_KEY, "1s");

  // --- timeouts ------------------------------------------------------------------------------

  @MigrationTest(locations = "classpath:robust/sleep")
  static class SleepTestCase implements MigrationSafety {}

  @Test
  void should_cancel_a_statement_that_runs_past_the_timeout_and_still_write_the_report()
      throws Exception {
    long started = System.nanoTime();
    EngineExecutionResults results = Fixtures.run(SleepTestCase.class, SHORT_TIMEOUTS);

    assertThat(System.nanoTime() - started).isLessThan(60_000_000_000L);
    assertThat(classFailure(results, SleepTestCase.class))
        .startsWith(
            "Migration V2__wait_forever.sql failed at line 2 with SQLSTATE 57014 (query_canceled:"
                + " the statement was canceled (statement_timeout?)).\n"
                + "  error:     canceling statement due to statement timeout\n"
                + "  statement: SELECT pg_sleep(100000)\n")
        .contains(
            "Fix V2__wait_forever.sql, or raise the key cofferdam.statement.timeout (default"
                + " 5min): the statement above ran longer than the statement timeout and was"
                + " canceled; Flyway rolled its transaction back");
    String report =
        Files.readString(Path.of("target/cofferdam", SleepTestCase.class.getName() + ".md"));
    assertThat(report).contains("V2__wait_forever.sql").contains("57014");
  }

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer=x",
      seeds = "classpath:robust/seeds-sleep")
  static class SleepingSeedTestCase implements MigrationSafety {}

  @Test
  void should_stop_a_seed_that_runs_past_the_timeout_and_still_write_the_report() throws Exception {
    long started = System.nanoTime();
    EngineExecutionResults results = Fixtures.run(SleepingSeedTestCase.class, SHORT_TIMEOUTS);

    assertThat(System.nanoTime() - started).isLessThan(60_000_000_000L);
    String message = classFailure(results, SleepingSeedTestCase.class);
    assertThat(message)
        .startsWith(
            "Seed V2__orders.sql (before V2 orders status) failed at line 2 with SQLSTATE 57014:"
                + " canceling statement due to statement timeout\n"
                + "  statement: SELECT pg_sleep(100000)\n"
                + "Fix the seed, or raise the key cofferdam.statement.timeout (default 5min): the"
                + " statement above ran longer than the statement timeout and was canceled. The"
                + " walk stopped before V2 orders status; the migrations before it are what the"
                + " database holds.\n")
        .contains("  report:    target/cofferdam/" + SleepingSeedTestCase.class.getName() + ".md");
    String report =
        Files.readString(Path.of("target/cofferdam", SleepingSeedTestCase.class.getName() + ".md"));
    assertThat(report).contains("V1 create orders").contains("Seed V2__orders.sql");
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=x")
  static class BrokenJavaSeedTestCase implements MigrationSafety {
    @BeforeMigration("2")
    static void fill(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO orders (no_such_column) VALUES (1)");
      }
    }
  }

  @Test
  void should_name_a_failing_before_migration_method_and_still_write_the_report() throws Exception {
    String message =
        classFailure(Fixtures.run(BrokenJavaSeedTestCase.class), BrokenJavaSeedTestCase.class);
    assertThat(message)
        .startsWith(
            "@BeforeMigration method fill (before V2 orders status) failed with SQLSTATE 42703:"
                + " column \"no_such_column\" of relation \"orders\" does not exist\n"
                + "Fix the seed, or move it to the version whose schema it fits");
    assertThat(
            Files.readString(
                Path.of("target/cofferdam", BrokenJavaSeedTestCase.class.getName() + ".json")))
        .contains("\"outcome\" : \"FAILED\"")
        .contains("42703");
  }

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer=x",
      workflows = "classpath:robust/workflow-sleep")
  static class SleepingWorkflowTestCase implements MigrationSafety {}

  @Test
  void should_fail_a_workflow_that_runs_past_the_timeout_and_still_write_the_report()
      throws Exception {
    long started = System.nanoTime();
    Map<String, String> outcomes =
        Fixtures.outcomes(Fixtures.run(SleepingWorkflowTestCase.class, SHORT_TIMEOUTS));

    assertThat(System.nanoTime() - started).isLessThan(60_000_000_000L);
    assertThat(outcomes.get("workflow slow_report"))
        .contains(
            "ERROR 57014 canceling statement due to statement timeout (at slow_report.sql line 2:"
                + " SELECT pg_sleep(100000))")
        .endsWith(
            "; fix the workflow, or raise the key cofferdam.statement.timeout (default 5min):"
                + " the statement above ran longer than the statement timeout and was canceled");
    String report =
        Files.readString(
            Path.of("target/cofferdam", SleepingWorkflowTestCase.class.getName() + ".md"));
    assertThat(report).contains("slow_report").contains("57014");
  }

  static Connection holder;

  @MigrationTest(locations = "classpath:robust/lock")
  static class LockTestCase implements MigrationSafety {
    /** Another session locks the table V2 alters (reads still pass) and keeps the lock. */
    @BeforeMigration("2")
    static void lockAccounts(DataSource dataSource) throws SQLException {
      holder = dataSource.getConnection();
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE accounts IN SHARE MODE");
      }
    }
  }

  @Test
  void should_stop_a_migration_that_waits_on_a_lock_past_the_lock_timeout() throws Exception {
    EngineExecutionResults results;
    try {
      results = Fixtures.run(LockTestCase.class, SHORT_TIMEOUTS);
    } finally {
      if (holder != null) {
        holder.close();
      }
    }

    assertThat(classFailure(results, LockTestCase.class))
        .startsWith(
            "Migration V2__accounts_name.sql failed at line 1 with SQLSTATE 55P03"
                + " (lock_not_available: a lock could not be obtained).\n"
                + "  error:     canceling statement due to lock timeout\n")
        .contains("  statement: ALTER TABLE accounts ADD COLUMN name text\n")
        .contains(
            "Fix V2__accounts_name.sql, or raise the key cofferdam.lock.timeout (default 1min):"
                + " the statement above waited longer than the lock timeout for a lock another"
                + " session held");
  }

  @MigrationTest(locations = "classpath:robust/clean")
  static class TimeoutsTestCase {
    @Test
    void every_connection_has_the_timeouts(Connection c) throws SQLException {
      assertThat(query(c, "SHOW statement_timeout")).isEqualTo("5min");
      assertThat(query(c, "SHOW lock_timeout")).isEqualTo("1min");
    }
  }

  @Test
  void should_give_every_connection_the_default_timeouts() {
    assertAllPassed(Fixtures.run(TimeoutsTestCase.class), 1);
  }

  @MigrationTest(locations = "classpath:robust/clean")
  static class MigratorTimeoutsTestCase {
    @Test
    void the_migrators_databases_have_the_timeouts(Migrator migrator) {
      migrator.migrateTo("1");
      assertThat(migrator.queryForList("SHOW statement_timeout", String.class))
          .containsExactly("2s");
      assertThat(migrator.queryForList("SHOW lock_timeout", String.class)).containsExactly("1s");
    }
  }

  @Test
  void should_give_the_migrators_databases_the_timeouts_of_the_keys() {
    assertAllPassed(Fixtures.run(MigratorTimeoutsTestCase.class, SHORT_TIMEOUTS), 1);
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=x")
  static class BadTimeoutTestCase {
    @Test
    void never_runs() {}
  }

  @Test
  void should_reject_a_timeout_that_is_not_a_duration() {
    assertThat(
            classFailure(
                Fixtures.run(
                    BadTimeoutTestCase.class,
                    Map.of(MigrationTest.STATEMENT_TIMEOUT_KEY, "five minutes")),
                BadTimeoutTestCase.class))
        .contains(
            "  - cofferdam.statement.timeout=five minutes is not valid; valid values: a duration"
                + " such as 500ms, 30s, 5min or 1h, or 0 for no limit (default 5min)\n");
  }

  @MigrationTest(locations = "classpath:direct/concurrently")
  static class ConcurrentlyTestCase implements MigrationSafety {}

  @Test
  void should_fail_at_once_when_an_index_built_concurrently_would_wait_for_flyways_lock() {
    long started = System.nanoTime();
    EngineExecutionResults results = Fixtures.run(ConcurrentlyTestCase.class, SHORT_TIMEOUTS);

    assertThat(System.nanoTime() - started).isLessThan(60_000_000_000L);
    assertThat(classFailure(results, ConcurrentlyTestCase.class))
        .isEqualTo(
            ConcurrentlyTestCase.class.getName()
                + ":\n  - V2__accounts_email_index.sql builds an index CONCURRENTLY, which waits"
                + " for every older transaction: under Flyway's default transactional lock that"
                + " includes Flyway's own, so it waits forever, here as in production"
                + " (flyway/flyway#3531). Set flyway.postgresql.transactional.lock=false"
                + " (attribute flyway, or key cofferdam.flyway.postgresql.transactional.lock), and"
                + " the same in production.");
  }

  @Test
  void should_walk_an_index_built_concurrently_with_the_session_lock() {
    String key = MigrationTest.FLYWAY_KEY_PREFIX + "postgresql.transactional.lock";
    System.setProperty(key, "false");
    EngineExecutionResults results;
    try {
      results = Fixtures.run(ConcurrentlyTestCase.class, SHORT_TIMEOUTS);
    } finally {
      System.clearProperty(key);
    }

    assertThat(Fixtures.outcomes(results)).containsKey("V2 accounts email index");
    results.containerEvents().assertStatistics(s -> s.failed(0));
  }

  // --- references that point nowhere ---------------------------------------------------------

  private static final String VERSIONS = "the versions are 1, 2";

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer=x",
      seeds = "classpath:robust/seeds-dangling")
  static class DanglingSeedTestCase implements MigrationSafety {}

  @Test
  void should_reject_a_seed_file_for_a_version_that_does_not_exist() {
    assertThat(classFailure(Fixtures.run(DanglingSeedTestCase.class), DanglingSeedTestCase.class))
        .isEqualTo(
            DanglingSeedTestCase.class.getName()
                + ":\n  - seed file V9__orders.sql in classpath:robust/seeds-dangling runs before"
                + " version 9, which no migration has; "
                + VERSIONS
                + ". Rename it after the migration it prepares.");
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=x")
  static class DanglingBeforeMigrationTestCase implements MigrationSafety {
    @BeforeMigration("3")
    static void seed(Connection c) {}
  }

  @Test
  void should_reject_a_before_migration_method_for_a_version_that_does_not_exist() {
    assertThat(
            classFailure(
                Fixtures.run(DanglingBeforeMigrationTestCase.class),
                DanglingBeforeMigrationTestCase.class))
        .isEqualTo(
            DanglingBeforeMigrationTestCase.class.getName()
                + ":\n  - @BeforeMigration(\"3\") method seed runs before version 3, which no"
                + " migration has; "
                + VERSIONS
                + ".");
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=x", baseline = "57")
  static class DanglingBaselineTestCase implements MigrationSafety {}

  @Test
  void should_reject_a_baseline_that_names_no_migration() {
    assertThat(
            classFailure(
                Fixtures.run(DanglingBaselineTestCase.class), DanglingBaselineTestCase.class))
        .isEqualTo(
            DanglingBaselineTestCase.class.getName()
                + ":\n  - cofferdam.baseline=57 names no migration; "
                + VERSIONS
                + ". Set it to the version of the last migration already applied in production.");
  }

  // --- messages ------------------------------------------------------------------------------

  @MigrationTest(locations = "classpath:robust/no-such-directory")
  static class MissingLocationTestCase {
    @Test
    void never_runs() {}
  }

  @Test
  void should_say_that_a_location_does_not_exist() {
    assertThat(
            classFailure(
                Fixtures.run(MissingLocationTestCase.class), MissingLocationTestCase.class))
        .isEqualTo(
            MissingLocationTestCase.class.getName()
                + ": the location classpath:robust/no-such-directory (no directory"
                + " robust/no-such-directory on the test classpath) does not exist. Point"
                + " cofferdam.locations (attribute locations) at the directory of the migrations,"
                + " e.g. classpath:db/migration or filesystem:src/main/resources/db/migration.");
  }

  @MigrationTest(locations = "filesystem:target/no-such-directory")
  static class MissingFilesystemLocationTestCase {
    @Test
    void never_runs() {}
  }

  @Test
  void should_say_that_a_filesystem_location_does_not_exist() {
    assertThat(
            classFailure(
                Fixtures.run(MissingFilesystemLocationTestCase.class),
                MissingFilesystemLocationTestCase.class))
        .startsWith(
            MissingFilesystemLocationTestCase.class.getName()
                + ": the location filesystem:target/no-such-directory (no directory "
                + Path.of("target/no-such-directory").toAbsolutePath()
                + ") does not exist.");
  }

  @MigrationTest(locations = "classpath:fixtures/ok")
  static class MissingPlaceholderTestCase implements MigrationSafety {}

  @Test
  void should_name_the_key_that_sets_an_unresolved_placeholder() {
    assertThat(
            classFailure(
                Fixtures.run(MissingPlaceholderTestCase.class), MissingPlaceholderTestCase.class))
        .contains("customer")
        .contains(
            "or give the placeholder a value: key cofferdam.placeholders=customer=<value>"
                + " (attribute placeholders = \"customer=<value>\")");
  }

  @MigrationTest(locations = "classpath:robust/ignored")
  static class IgnoredFileTestCase implements MigrationSafety {}

  @Test
  void should_mention_a_file_flyway_ignores() {
    EngineExecutionResults results = Fixtures.run(IgnoredFileTestCase.class);

    List<String> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .flatMap(
                e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
            .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
            .filter(kv -> kv.getKey().equals("cofferdam.ignored"))
            .map(Map.Entry::getValue)
            .collect(Collectors.toList());
    assertThat(entries)
        .containsExactly(
            "V2_accounts_name.sql is not applied: Flyway ignores it, its name is not"
                + " V<version>__<description>.sql (or R__<description>.sql, or a callback)."
                + " Rename it, or set cofferdam.flyway.validateMigrationNaming=true to make such"
                + " names fail.");
    assertThat(Fixtures.outcomes(results)).containsOnlyKeys("V1 accounts");
  }

  @MigrationTest(locations = "classpath:safety/recreate-bad")
  static class ExtensionAloneTestCase {
    @Test
    void a_test_that_looks_elsewhere() {}
  }

  @Test
  void should_fail_the_class_when_findings_fail_and_no_node_reports_them() {
    EngineExecutionResults results = Fixtures.run(ExtensionAloneTestCase.class);

    assertThat(classFailure(results, ExtensionAloneTestCase.class))
        .startsWith(
            ExtensionAloneTestCase.class.getName()
                + " does not implement MigrationSafety and takes no MigrationRun, so no test node"
                + " reports what fails:\n"
                + "  - V2__accounts_add_name.sql: ")
        .contains("[data-loss]")
        .endsWith(
            "\nImplement MigrationSafety (class ExtensionAloneTestCase implements"
                + " MigrationSafety) for one test node per migration, or allow the findings"
                + " (@Allow, cofferdam.rules).");
  }

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer=x",
      workflows = "classpath:robust/broken-workflow")
  static class BrokenWorkflowTestCase implements MigrationSafety {}

  @Test
  void should_name_the_file_and_line_of_a_broken_sql_workflow() {
    Map<String, String> outcomes = Fixtures.outcomes(Fixtures.run(BrokenWorkflowTestCase.class));

    assertThat(outcomes.get("workflow count_orders"))
        .contains(
            "ERROR 42P01 relation \"no_such_table\" does not exist (at count_orders.sql"
                + " line 2: SELECT * FROM no_such_table)");
  }
}
