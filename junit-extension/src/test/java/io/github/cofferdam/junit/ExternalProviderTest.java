package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.MigrationTestExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The external provider against a server Cofferdam did not start (a separate embedded PostgreSQL
 * that this test owns): it creates and drops only its own databases, reaps those of dead runs, and
 * never shows the password.
 */
class ExternalProviderTest {

  private static final String PASSWORD = "s3cret-pw";
  private static EmbeddedPostgres server;

  @BeforeAll
  static void startAServerCofferdamDoesNotOwn() throws Exception {
    server =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("fsync", "off")
            .start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE keep_me");
      // left behind by a run whose JVM was killed: nobody holds its advisory lock
      s.execute("CREATE DATABASE cofferdam_0badc0de_1");
      s.execute(
          "COMMENT ON DATABASE cofferdam_0badc0de_1 IS"
              + " 'cofferdam run=0badc0de host=elsewhere for=com.example.KilledTest'");
      // named like ours, but not created by Cofferdam (no comment): must stay
      s.execute("CREATE DATABASE cofferdam_manual");
    }
    try (Connection c = server.getDatabase("postgres", "keep_me").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE precious (id int PRIMARY KEY, name text)");
      s.execute("INSERT INTO precious SELECT g, 'row ' || g FROM generate_series(1, 42) g");
    }
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer=external",
      provider = MigrationTest.Provider.EXTERNAL)
  static class ExternalTestCase {
    @Test
    void walks_on_the_external_server(MigrationRun run, DataSource ds, Connection c)
        throws SQLException {
      SEEN.add(run.database());
      SEEN.add(run.server());
      SEEN.add(ds.toString());
      assertThat(query(c, "SELECT customer FROM orders")).isEqualTo("external");
      assertThat(run.server()).startsWith("external PostgreSQL ");
    }
  }

  private static Map<String, String> external(String url) {
    return Map.of(
        MigrationTest.EXTERNAL_URL_KEY, url,
        MigrationTest.EXTERNAL_USER_KEY, "postgres",
        MigrationTest.EXTERNAL_PASSWORD_KEY, PASSWORD);
  }

  private static List<String> databases() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void should_create_and_drop_only_its_own_databases_and_reap_those_of_dead_runs()
      throws Exception {
    SEEN.clear();
    String url =
        "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres?password=" + PASSWORD;

    assertAllPassed(Fixtures.run(ExternalTestCase.class, external(url)), 1);

    String ours = SEEN.get(0);
    assertThat(databases())
        .doesNotContain(ours, "cofferdam_0badc0de_1")
        .contains("keep_me", "cofferdam_manual", "postgres");
    try (Connection c = server.getDatabase("postgres", "keep_me").getConnection()) {
      assertThat(query(c, "SELECT count(*) || ' ' || max(name) FROM precious"))
          .isEqualTo("42 row 9");
    }
    // the password appears nowhere: run, DataSource, report
    assertThat(SEEN).allSatisfy(s -> assertThat(s).doesNotContain(PASSWORD));
    assertThat(SEEN.get(1)).contains("password=***");
    Path report = Path.of("target/cofferdam", ExternalTestCase.class.getName() + ".json");
    assertThat(Files.readString(report)).doesNotContain(PASSWORD);
  }

  @MigrationTest(
      locations = "classpath:safety/recreate-bad",
      provider = MigrationTest.Provider.EXTERNAL)
  static class NotSuperuserTestCase implements MigrationSafety {}

  @Test
  void should_degrade_object_lost_to_warnings_when_not_superuser() throws Exception {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_ci') THEN"
              + " CREATE ROLE plain_ci LOGIN CREATEDB; END IF; END $$");
    }
    String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";

    var outcomes =
        Fixtures.outcomes(
            Fixtures.run(
                NotSuperuserTestCase.class,
                Map.of(
                    MigrationTest.EXTERNAL_URL_KEY,
                    url,
                    MigrationTest.EXTERNAL_USER_KEY,
                    "plain_ci")));

    // the data loss still fails; the lost trigger and view are reported, not failed
    assertThat(outcomes.get("V2 accounts add name"))
        .startsWith("V2__accounts_add_name.sql: 1 finding\n  [data-loss]");
    String report =
        Files.readString(Path.of("target/cofferdam", NotSuperuserTestCase.class.getName() + ".md"));
    assertThat(report)
        .contains(
            "- **object-lost** (warning): view public.active_accounts is gone after V2 accounts"
                + " add name; Cofferdam cannot tell whether a statement dropped it on purpose (it"
                + " watches DROP statements only as a superuser), so this is a warning");
  }

  @Test
  void should_explain_an_unreachable_server_without_showing_the_password() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres?password=" + PASSWORD;

    EngineExecutionResults results = Fixtures.run(ExternalTestCase.class, external(url));

    assertThat(classFailure(results, ExternalTestCase.class))
        .startsWith(
            "Cofferdam cannot provide PostgreSQL with provider external: the external server"
                + " jdbc:postgresql://127.0.0.1:"
                + closedPort
                + "/postgres?password=*** cannot be reached as user 'postgres': Connection to"
                + " 127.0.0.1:"
                + closedPort
                + " refused.")
        .endsWith(
            "Check cofferdam.external.url, cofferdam.external.user and"
                + " cofferdam.external.password.")
        .doesNotContain(PASSWORD);
  }

  @Test
  void should_name_the_user_of_the_url_when_no_user_key_is_set() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres?user=ci_user";

    EngineExecutionResults results =
        Fixtures.run(ExternalTestCase.class, Map.of(MigrationTest.EXTERNAL_URL_KEY, url));

    assertThat(classFailure(results, ExternalTestCase.class))
        .contains(
            "/postgres?user=ci_user cannot be reached as user 'ci_user' (from the URL):"
                + " Connection to 127.0.0.1:"
                + closedPort
                + " refused.");
  }
}
