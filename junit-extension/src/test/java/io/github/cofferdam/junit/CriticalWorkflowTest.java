package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.outcomes;
import static io.github.cofferdam.junit.MigrationTestExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Critical workflows re-run after every migration, with the culprit named. */
class CriticalWorkflowTest {

  private static final String CULPRIT_ERROR =
      "ERROR 23514 new row for relation \"orders\" violates check constraint"
          + " \"orders_status_check\"";

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @MigrationTest(locations = "classpath:workflows/five")
  static class FiveMigrationsTestCase {

    @CriticalWorkflow
    void payOrder(Connection c) throws SQLException {
      execute(c, "INSERT INTO orders (status) VALUES ('paid')");
    }

    @CriticalWorkflow
    void listOrders(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection()) {
        query(c, "SELECT count(*) FROM orders");
      }
    }

    @CriticalWorkflow
    void annotateOrder(Connection c) throws SQLException {
      execute(c, "INSERT INTO orders (status, note) VALUES ('new', 'needs the V2 column')");
    }

    @CriticalWorkflow(mustSurvive = "2")
    void payOrderDuringExpand(Connection c) throws SQLException {
      execute(c, "INSERT INTO orders (status) VALUES ('paid')");
    }

    @CriticalWorkflow(since = "4")
    void useCustomers(Connection c) throws SQLException {
      execute(c, "INSERT INTO customers VALUES (1)");
    }

    @CriticalWorkflow
    void neverWorks(Connection c) throws SQLException {
      execute(c, "INSERT INTO invoices VALUES (1)");
    }

    @Test
    void workflows_left_nothing_behind(Connection c) throws SQLException {
      // each workflow ran after each of the five migrations, and was rolled back every time
      assertThat(query(c, "SELECT count(*) FROM orders")).isEqualTo("0");
      assertThat(query(c, "SELECT count(*) FROM customers")).isEqualTo("0");
    }
  }

  @MigrationTest(locations = "classpath:workflows/five", workflows = "classpath:workflows/sql")
  static class SqlWorkflowsTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:workflows/five")
  static class CommittingTestCase {
    @CriticalWorkflow
    void commits(Connection c) throws SQLException {
      execute(c, "INSERT INTO orders (status) VALUES ('new')");
      c.commit();
    }

    @CriticalWorkflow
    void commitsInSql(Connection c) throws SQLException {
      execute(c, "INSERT INTO orders (status) VALUES ('new'); COMMIT");
    }

    @Test
    void nothing_was_committed(Connection c) throws SQLException {
      assertThat(query(c, "SELECT count(*) FROM orders")).isEqualTo("0");
    }
  }

  @MigrationTest(
      locations = "classpath:workflows/five",
      workflows = "classpath:workflows/sql-commit")
  static class CommittingSqlTestCase {
    @Test
    void never_runs() {}
  }

  @MigrationTest(locations = "classpath:workflows/five")
  static class BadSinceTestCase {
    @CriticalWorkflow(since = "9")
    void late(Connection c) {}
  }

  @Test
  void should_name_the_migration_that_broke_a_workflow_not_the_one_before_or_after() {
    assertThat(outcomes(Fixtures.run(FiveMigrationsTestCase.class)))
        .containsOnly(
            entry(
                "payOrder(Connection)",
                "workflow [payOrder] passes from V1, broken by V3__orders_status_shipped.sql: "
                    + CULPRIT_ERROR),
            entry("listOrders(DataSource)", "ok"),
            entry("annotateOrder(Connection)", "ok"),
            entry("payOrderDuringExpand(Connection)", "ok"),
            entry("useCustomers(Connection)", "ok"),
            entry(
                "neverWorks(Connection)",
                "workflow [neverWorks] never passes: after V5__orders_index.sql, the last"
                    + " migration: ERROR 42P01 relation \"invoices\" does not exist"),
            entry("workflows_left_nothing_behind(Connection)", "ok"));
  }

  @Test
  void should_report_every_version_and_the_expand_contract_window() throws Exception {
    Fixtures.run(FiveMigrationsTestCase.class);

    String report =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                "target/cofferdam", FiveMigrationsTestCase.class.getName() + ".md"));
    assertThat(report)
        .contains("| workflow | V1 | V2 | V3 | V4 | V5 | verdict |")
        .contains(
            "| payOrder | pass | pass | FAIL | FAIL | FAIL | workflow [payOrder] passes from V1,"
                + " broken by V3__orders_status_shipped.sql: "
                + CULPRIT_ERROR
                + " |")
        .contains(
            "| annotateOrder | FAIL | pass | pass | pass | pass | workflow [annotateOrder] passes"
                + " from V2 to the last migration |")
        .contains(
            "| payOrderDuringExpand | pass | pass | FAIL | FAIL | FAIL | workflow"
                + " [payOrderDuringExpand] passes from V1 through V2 (mustSurvive); retired by"
                + " V3__orders_status_shipped.sql after mustSurvive: "
                + CULPRIT_ERROR
                + " |")
        .contains(
            "| useCustomers | FAIL | FAIL | FAIL | pass | pass | workflow [useCustomers] passes"
                + " from V4 to the last migration |");
  }

  @Test
  void sql_workflows_should_be_nodes_too() {
    assertThat(outcomes(Fixtures.run(SqlWorkflowsTestCase.class)))
        .contains(
            entry("workflow count_orders", "ok"),
            entry(
                "workflow pay_order",
                "workflow [pay_order] passes from V1, broken by V3__orders_status_shipped.sql: "
                    + CULPRIT_ERROR
                    + " (at pay_order.sql line 3: UPDATE orders SET status = 'paid' WHERE status"
                    + " = 'new')"));
  }

  @Test
  void should_never_let_a_workflow_commit() {
    assertThat(outcomes(Fixtures.run(CommittingTestCase.class)))
        .containsOnly(
            entry(
                "commits(Connection)",
                "workflow [commits] never passes: after V5__orders_index.sql, the last migration:"
                    + " workflow [commits] called Connection.commit(): Cofferdam runs every"
                    + " workflow in a transaction it rolls back, so the walk's database never"
                    + " changes; remove the call"),
            entry(
                "commitsInSql(Connection)",
                "workflow [commitsInSql] never passes: after V5__orders_index.sql, the last"
                    + " migration: workflow [commitsInSql] ran COMMIT: Cofferdam runs every"
                    + " workflow in a transaction it rolls back, so the walk's database never"
                    + " changes; remove it"),
            entry("nothing_was_committed(Connection)", "ok"));

    assertThat(classFailure(Fixtures.run(CommittingSqlTestCase.class), CommittingSqlTestCase.class))
        .isEqualTo(
            CommittingSqlTestCase.class.getName()
                + ":\n  - workflow [sneaky] line 2 controls the transaction (COMMIT): Cofferdam"
                + " runs every workflow in a transaction it rolls back, so the walk's database"
                + " never changes; remove it");
  }

  @Test
  void since_must_name_a_migration() {
    assertThat(classFailure(Fixtures.run(BadSinceTestCase.class), BadSinceTestCase.class))
        .isEqualTo(
            BadSinceTestCase.class.getName()
                + ": workflow [late]: since = \"9\" names no migration of the walk; migrations:"
                + " V1, V2, V3, V4, V5");
  }

  @Test
  void workflows_should_carry_a_tag_suites_can_exclude() {
    var results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(DiscoverySelectors.selectClass(FiveMigrationsTestCase.class))
            .filters(TagFilter.excludeTags("critical-workflow"))
            .execute();

    assertThat(outcomes(results)).containsOnlyKeys("workflows_left_nothing_behind(Connection)");
  }
}
