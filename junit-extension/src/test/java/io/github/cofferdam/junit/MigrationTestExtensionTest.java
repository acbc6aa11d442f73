package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @MigrationTest} seen from outside: fixture classes run through the Jupiter engine. */
class MigrationTestExtensionTest {

  static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  // --- fixtures -----------------------------------------------------------------------------

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer=ada",
      callbacks = RecordingCallback.class,
      javaMigrations = V3__java_migration.class)
  static class WalkTestCase {
    @Test
    void receives_the_run_in_flyway_order(MigrationRun run) {
      assertThat(run.steps())
          .extracting(StepResult::label)
          .containsExactly(
              "V1 create orders", "V2 orders status", "V3 java migration", "R order summary");
      assertThat(run.steps()).allMatch(s -> s.outcome() == StepResult.Outcome.APPLIED);
      assertThat(run.steps())
          .extracting(StepResult::script)
          .containsExactly(
              "V1__create_orders.sql",
              "V2__orders_status.sql",
              V3__java_migration.class.getName(),
              "R__order_summary.sql");
      assertThat(run.step("1").checksum()).isNotNull();
      assertThat(run.step("3").type()).isEqualTo("JDBC");
      assertThat(run.successful()).isTrue();
      assertThat(run.finalVersion()).contains("3");
      assertThat(run.database()).startsWith("cofferdam_");
    }

    @Test
    void receives_a_connection_and_a_data_source_to_the_migrated_database(
        Connection connection, DataSource dataSource) throws SQLException {
      assertThat(query(connection, "SELECT customer FROM orders")).isEqualTo("ada");
      assertThat(query(connection, "SELECT status || ':' || orders FROM order_summary"))
          .isEqualTo("paid:1");
      try (Connection second = dataSource.getConnection()) {
        assertThat(query(second, "SELECT current_database()"))
            .isEqualTo(query(connection, "SELECT current_database()"));
        assertThat(
                query(
                    second,
                    "SELECT count(*) FROM information_schema.columns"
                        + " WHERE table_name = 'orders' AND column_name = 'note'"))
            .isEqualTo("1");
      }
      assertThat(dataSource.toString()).startsWith("Cofferdam database cofferdam_");
    }
  }

  @MigrationTest(locations = "classpath:fixtures/broken")
  static class BrokenTestCase {
    @Test
    void never_runs() {}
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=nested")
  static class NestedTestCase {
    static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

    @Test
    void outer(MigrationRun run) {
      DATABASES.put("outer", run.database());
    }

    @Nested
    class SharesTheDatabase {
      @Test
      void inner(MigrationRun run, Connection c) throws SQLException {
        DATABASES.put("inner", run.database());
        assertThat(query(c, "SELECT current_database()")).isEqualTo(run.database());
      }
    }

    @Nested
    @MigrationTest(locations = "classpath:fixtures/schemas", schemas = "app")
    class HasItsOwn {
      @Test
      void own(MigrationRun run) {
        DATABASES.put("own", run.database());
        assertThat(run.steps()).extracting(StepResult::label).containsExactly("V1 app tables");
      }
    }
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=composed")
  @interface OrdersMigrations {}

  @OrdersMigrations
  static class ComposedTestCase {
    @Test
    void walks(MigrationRun run, Connection c) throws SQLException {
      assertThat(run.steps()).hasSize(3);
      assertThat(query(c, "SELECT customer FROM orders")).isEqualTo("composed");
    }
  }

  @MigrationTest(
      locations = "filesystem:src/test/resources/fixtures/schemas",
      schemas = "app",
      table = "history",
      initSql = "SET application_name = 'cofferdam-init'",
      flyway = "flyway.installedBy=cofferdam-fixture",
      // the fixture's migrations are not idempotent; this class is about Flyway's settings
      rules = "non-idempotent=warning")
  static class FlywaySettingsTestCase {
    @Test
    void settings_reach_flyway(Connection c) throws SQLException {
      assertThat(query(c, "SELECT to_regclass('app.accounts')::text")).isEqualTo("app.accounts");
      assertThat(query(c, "SELECT installed_by FROM app.history WHERE version = '1'"))
          .isEqualTo("cofferdam-fixture");
      assertThat(query(c, "SELECT to_regclass('public.flyway_schema_history')")).isNull();
    }
  }

  static final Set<String> PARALLEL_DATABASES = ConcurrentHashMap.newKeySet();

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=p1")
  static class Parallel1TestCase {
    @Test
    void walks(MigrationRun run, Connection c) throws SQLException {
      PARALLEL_DATABASES.add(run.database());
      assertThat(query(c, "SELECT customer FROM orders")).isEqualTo("p1");
    }
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=p2")
  static class Parallel2TestCase {
    @Test
    void walks(MigrationRun run, Connection c) throws SQLException {
      PARALLEL_DATABASES.add(run.database());
      assertThat(query(c, "SELECT customer FROM orders")).isEqualTo("p2");
    }
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=p3")
  static class Parallel3TestCase {
    @Test
    void walks(MigrationRun run, Connection c) throws SQLException {
      PARALLEL_DATABASES.add(run.database());
      assertThat(query(c, "SELECT customer FROM orders")).isEqualTo("p3");
    }
  }

  // --- tests --------------------------------------------------------------------------------

  @Test
  void should_apply_each_migration_once_in_flyway_order_with_the_users_callbacks() {
    RecordingCallback.EVENTS.clear();

    assertAllPassed(Fixtures.run(WalkTestCase.class), 2);

    // one migrate() for the walk ("|" ends it), versioned before repeatable, every migration
    // applied once: the replays run under savepoints through Flyway's executor and are rolled back
    assertThat(RecordingCallback.EVENTS)
        .containsExactly(
            "V1__create_orders.sql",
            "V2__orders_status.sql",
            V3__java_migration.class.getName(),
            "R__order_summary.sql",
            "|");
  }

  @Test
  void should_fail_the_class_naming_script_line_sqlstate_and_statement() throws Exception {
    EngineExecutionResults results = Fixtures.run(BrokenTestCase.class);

    Path script =
        Path.of("target/test-classes/fixtures/broken/V2__orders_check.sql").toAbsolutePath();
    Path report = Path.of("target/cofferdam", BrokenTestCase.class.getName() + ".md");
    assertThat(classFailure(results, BrokenTestCase.class))
        .isEqualTo(
            "Migration V2__orders_check.sql failed at line 2 with SQLSTATE 42703 (undefined_column:"
                + " a column named in the statement does not exist).\n"
                + "  error:     column \"stauts\" does not exist\n"
                + "  hint:      Perhaps you meant to reference the column \"orders.status\".\n"
                + "  statement: ALTER TABLE orders\n"
                + "               ADD CONSTRAINT orders_status_check CHECK (stauts IN ('new',"
                + " 'paid'))\n"
                + "  file:      "
                + script
                + "\n"
                + "  applied before it: V1 create orders\n"
                + "Fix V2__orders_check.sql and run the test again; Flyway rolled its transaction"
                + " back, so the steps before it are what the database holds.\n"
                + "  report:    "
                + report);
    results.testEvents().assertStatistics(s -> s.started(0));

    // the steps before the failure are in the report
    JsonNode json =
        new ObjectMapper()
            .readTree(
                Files.readString(
                    Path.of("target/cofferdam", BrokenTestCase.class.getName() + ".json")));
    assertThat(json.get("successful").asBoolean()).isFalse();
    assertThat(json.get("steps")).hasSize(2);
    assertThat(json.get("steps").get(0).get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(json.get("steps").get(1).get("failure").get("sqlState").asText()).isEqualTo("42703");
    assertThat(Files.readString(report))
        .contains("| 2 | V2 orders check | `V2__orders_check.sql` | failed |");
  }

  @Test
  void should_give_a_nested_class_the_enclosing_database_unless_it_has_its_own() {
    NestedTestCase.DATABASES.clear();

    assertAllPassed(Fixtures.run(NestedTestCase.class), 3);

    assertThat(NestedTestCase.DATABASES.get("inner"))
        .isEqualTo(NestedTestCase.DATABASES.get("outer"));
    assertThat(NestedTestCase.DATABASES.get("own"))
        .isNotEqualTo(NestedTestCase.DATABASES.get("outer"));
  }

  @Test
  void should_work_as_a_meta_annotation() {
    assertAllPassed(Fixtures.run(ComposedTestCase.class), 1);
  }

  @Test
  void should_pass_schemas_table_init_sql_filesystem_locations_and_flyway_properties() {
    assertAllPassed(Fixtures.run(FlywaySettingsTestCase.class), 1);
  }

  @Test
  void should_run_classes_in_parallel_each_in_its_own_database() {
    PARALLEL_DATABASES.clear();

    EngineExecutionResults results =
        org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
            .selectors(
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                    Parallel1TestCase.class),
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                    Parallel2TestCase.class),
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                    Parallel3TestCase.class))
            .execute();

    assertAllPassed(results, 3);
    assertThat(PARALLEL_DATABASES).hasSize(3);
  }
}
