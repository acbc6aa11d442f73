package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.junit.internal.drift.LiveDrift;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The drift check (cofferdam.drift.url) against a live database on the same embedded server. */
class DriftTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=alice")
  static class Fixture implements MigrationSafety {
    @Test
    void nothing() {}
  }

  /** A live database migrated by Flyway itself with the same migrations, then changed by sql. */
  private static String live(String purpose, String... changes) throws SQLException {
    TestDatabase live = server.createDatabase(purpose);
    org.flywaydb.core.Flyway.configure()
        .dataSource(live)
        .locations("classpath:fixtures/ok")
        .placeholders(Map.of("customer", "alice"))
        .load()
        .migrate();
    try (Connection c = live.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : changes) {
        s.execute(sql);
      }
      return c.getMetaData().getURL() + "?user=" + c.getMetaData().getUserName();
    }
  }

  @Test
  void aCleanLiveDatabasePasses() throws SQLException {
    var results = run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, live("clean")));
    assertThat(results.containerEvents().failed().count()).isZero();
  }

  @Test
  void aMissingColumnAndAnExtraTableFailTheClass() throws SQLException {
    String url =
        live(
            "restored",
            "DROP VIEW order_summary",
            "ALTER TABLE orders DROP COLUMN total",
            "CREATE VIEW order_summary AS SELECT status, count(*) AS orders FROM orders GROUP BY"
                + " status",
            "CREATE TABLE scratch (id int)");
    String message =
        classFailure(run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, url)), Fixture.class);
    assertThat(message)
        .startsWith("drift: the live database ")
        .contains("(2 differences, built → live)")
        .contains("  - ")
        .contains(
            "  - table public.orders / column total: removed\n  - table public.scratch: added\n")
        .contains("public.scratch");
  }

  @Test
  void theReportsHoldADriftNode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path reports)
      throws Exception {
    String url = live("reported", "CREATE TABLE scratch (id int)");
    run(
        Fixture.class,
        Map.of(MigrationTest.DRIFT_URL_KEY, url, MigrationTest.REPORT_DIR_KEY, reports.toString()));
    String json =
        java.nio.file.Files.readString(reports.resolve(Fixture.class.getName() + ".json"));
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("drift");
    assertThat(node).isNotNull();
    assertThat(node.fieldNames()).toIterable().containsExactly("url", "drifted", "differences");
    assertThat(node.get("drifted").asBoolean()).isTrue();
    assertThat(node.get("differences").get(0).asText()).isEqualTo("table public.scratch: added");
    assertThat(java.nio.file.Files.readString(reports.resolve(Fixture.class.getName() + ".md")))
        .contains(": 1 difference\n\n- table public.scratch: added\n");
  }

  @Test
  void aHistoryRowWithAnotherChecksumFails() throws SQLException {
    String url =
        live("checksum", "UPDATE flyway_schema_history SET checksum = 42 WHERE version = '2'");
    String message =
        classFailure(run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, url)), Fixture.class);
    assertThat(message)
        .contains("history: V2 orders status checksum differs: here ")
        .contains(", there 42");
  }

  /** The class failure for a live database: its URL as shown, then one line per difference. */
  private static String drift(String url, String... differences) {
    return "drift: the live database "
        + url
        + " differs from what the migrations build ("
        + differences.length
        + (differences.length == 1 ? " difference" : " differences")
        + ", built → live):\n  - "
        + String.join("\n  - ", differences)
        + "\n  Fix: migrate the live database, or restore what it lost; see docs/drift.md."
        + "\n  report:    target/cofferdam/"
        + Fixture.class.getName()
        + ".md";
  }

  @Test
  void aHistoryRowAppliedThereButMissingHereFails() throws SQLException {
    String url =
        live(
            "ahead",
            "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) VALUES (10, '3',"
                + " 'orders refunds', 'SQL', 'V3__orders_refunds.sql', 7, 'deploy', 1, true)");
    assertThat(
            classFailure(
                run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, url)), Fixture.class))
        .isEqualTo(
            drift(
                url,
                "history: V3 orders refunds applied there but missing here (a migration of"
                    + " another branch, or a deleted file: bring its file back)"));
  }

  @Test
  void migrationsWithoutAHistoryRowThereArePendingHere() throws SQLException {
    // the schema is there, its history rows are not: a history out of sync
    String url =
        live("behind", "DELETE FROM flyway_schema_history WHERE version = '2' OR version IS NULL");
    assertThat(
            classFailure(
                run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, url)), Fixture.class))
        .isEqualTo(
            drift(
                url,
                "history: V2 orders status pending here (not applied there)",
                "history: R order summary pending here (not applied there)"));
  }

  @Test
  void aMigrationSortedBeforeOneAppliedThereFailsAsOutOfOrder() throws SQLException {
    String url = live("out-of-order", "DELETE FROM flyway_schema_history WHERE version = '1'");
    String message =
        classFailure(run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, url)), Fixture.class);
    assertThat(message)
        .contains(
            "history: V1 create orders pending here, but sorted before V2, already applied there:"
                + " Flyway refuses it unless outOfOrder is on")
        .contains("Give it a version after V2");
  }

  @Test
  void aBadUrlIsAClearError() {
    String message =
        classFailure(
            run(
                Fixture.class,
                Map.of(MigrationTest.DRIFT_URL_KEY, "jdbc:postgresql://127.0.0.1:1/nope")),
            Fixture.class);
    assertThat(message)
        .contains("cofferdam.drift.url=jdbc:postgresql://127.0.0.1:1/nope cannot be read")
        .contains("Check cofferdam.drift.url");
    assertThat(
            classFailure(
                run(Fixture.class, Map.of(MigrationTest.DRIFT_URL_KEY, "mysql://x")),
                Fixture.class))
        .contains("cofferdam.drift.url=mysql://x is not valid");
  }

  @Test
  void anUnsetPasswordVariableNamesTheDriftKey() {
    String message =
        classFailure(
            run(
                Fixture.class,
                Map.of(
                    MigrationTest.DRIFT_URL_KEY,
                    "jdbc:postgresql://127.0.0.1:1/live",
                    MigrationTest.DRIFT_PASSWORD_ENV_KEY,
                    "COFFERDAM_TEST_UNSET_VARIABLE")),
            Fixture.class);
    assertThat(message)
        .contains(
            "cofferdam.drift.password.env=COFFERDAM_TEST_UNSET_VARIABLE names an environment"
                + " variable that is not set")
        .doesNotContain("cofferdam.external.password");
  }

  @Test
  void aUrlThatTurnsReadOnlyOffCannotWriteEither() throws SQLException {
    String url = live("options") + "&options=-c%20default_transaction_read_only%3Doff";
    try (Connection c = LiveDrift.connect(url, "", "");
        Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("SHOW default_transaction_read_only")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("on");
      }
      assertThatThrownBy(() -> s.execute("CREATE TABLE t (i int)"))
          .matches(e -> "25006".equals(((SQLException) e).getSQLState()));
    }
  }

  @Test
  void theDriftConnectionCannotWriteEvenThroughAVolatileFunction() throws SQLException {
    String url =
        live(
            "malicious",
            "CREATE TABLE loot (x text)",
            "CREATE FUNCTION steal() RETURNS int LANGUAGE sql VOLATILE AS"
                + " 'INSERT INTO loot VALUES (''stolen''); SELECT 1'");
    try (Connection c = LiveDrift.connect(url, "", "");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT steal()"))
          .isInstanceOf(SQLException.class)
          .matches(e -> "25006".equals(((SQLException) e).getSQLState()));
      c.rollback();
      assertThatThrownBy(() -> s.execute("CREATE TABLE t (i int)"))
          .matches(e -> "25006".equals(((SQLException) e).getSQLState()));
    }
  }
}
