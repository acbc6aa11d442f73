package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.MigrationTestExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's PostgreSQL settings (key cofferdam.embedded.settings), and the external
 * password taken from an environment variable, so that it is never a system property.
 */
class ServerSettingsTest {

  @MigrationTest(locations = "classpath:robust/clean")
  static class SettingsTestCase {
    @Test
    void the_server_has_the_settings(Connection c) throws SQLException {
      assertThat(query(c, "SHOW max_locks_per_transaction")).isEqualTo("256");
      assertThat(query(c, "SHOW max_connections")).isEqualTo("120");
    }
  }

  @Test
  void should_start_the_embedded_server_with_the_settings_of_the_key() {
    assertAllPassed(
        Fixtures.run(
            SettingsTestCase.class,
            Map.of(
                MigrationTest.EMBEDDED_SETTINGS_KEY,
                "max_locks_per_transaction=256, max_connections=120")),
        1);
  }

  @Test
  void should_reject_settings_that_are_not_name_value_pairs() {
    assertThat(
            classFailure(
                Fixtures.run(
                    SettingsTestCase.class,
                    Map.of(
                        MigrationTest.EMBEDDED_SETTINGS_KEY,
                        "max_locks_per_transaction,port=5433")),
                SettingsTestCase.class))
        .contains(
            "  - cofferdam.embedded.settings: 'max_locks_per_transaction' is not valid; valid"
                + " values: name=value entries separated by commas, for example"
                + " max_locks_per_transaction=256,max_connections=200\n"
                + "  - cofferdam.embedded.settings: port cannot be set; Cofferdam sets it itself"
                + " (it cannot set listen_addresses, port, data_directory,"
                + " unix_socket_directories)\n");
  }

  @Test
  void should_name_a_value_the_server_refuses_without_waiting_for_its_start() {
    long started = System.nanoTime();
    String failure =
        classFailure(
            Fixtures.run(
                SettingsTestCase.class,
                Map.of(
                    MigrationTest.EMBEDDED_SETTINGS_KEY,
                    "max_connections=120,max_locks_per_transaction=lots")),
            SettingsTestCase.class);

    int major = Integer.getInteger("cofferdam.postgres.version", 17);
    assertThat(failure)
        .isEqualTo(
            "Cofferdam cannot provide PostgreSQL with provider embedded:"
                + " cofferdam.embedded.settings: PostgreSQL "
                + major
                + " refuses the settings: invalid value for parameter"
                + " \"max_locks_per_transaction\": \"lots\". Fix the value (see the PostgreSQL "
                + major
                + " documentation, chapter Server Configuration).");
    // zonky waits 60 s for a server that refused to start
    assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
  }

  @Test
  void should_name_the_setting_meant_by_a_misspelt_one_without_starting_the_server() {
    long started = System.nanoTime();
    String failure =
        classFailure(
            Fixtures.run(
                SettingsTestCase.class,
                Map.of(MigrationTest.EMBEDDED_SETTINGS_KEY, "max_lock_per_transaction=256")),
            SettingsTestCase.class);

    assertThat(failure)
        .isEqualTo(
            "Cofferdam cannot provide PostgreSQL with provider embedded:"
                + " cofferdam.embedded.settings: max_lock_per_transaction is not a setting of"
                + " PostgreSQL "
                + Integer.getInteger("cofferdam.postgres.version", 17)
                + "; did you mean max_locks_per_transaction?");
    assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
  }

  @Test
  void should_reject_embedded_settings_for_another_provider() {
    assertThat(
            classFailure(
                Fixtures.run(
                    SettingsTestCase.class,
                    Map.of(
                        MigrationTest.EMBEDDED_SETTINGS_KEY, "max_connections=120",
                        MigrationTest.PROVIDER_KEY, "container")),
                SettingsTestCase.class))
        .contains(
            "  - cofferdam.embedded.settings applies to the embedded provider only, not to"
                + " container; set the server's settings where that server is configured\n");
  }

  // --- the external password from the environment --------------------------------------------

  @MigrationTest(locations = "classpath:robust/clean", provider = MigrationTest.Provider.EXTERNAL)
  static class PasswordTestCase {
    @Test
    void connects(MigrationRun run) {
      assertThat(run.server()).startsWith("external PostgreSQL ");
    }
  }

  private static final String USER = "env_pw_user";
  private static final String SECRET = "env-secret-4711";

  /** A server that asks {@link #USER} for its password (scram-sha-256) and trusts the rest. */
  private static EmbeddedPostgres passwordServer() throws Exception {
    EmbeddedPostgres server =
        EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + SECRET + "'");
      Path hba = Path.of(query(c, "SHOW hba_file"));
      Files.writeString(
          hba, "host all " + USER + " 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
      s.execute("SELECT pg_reload_conf()");
    }
    return server;
  }

  private static String runInChild(
      EmbeddedPostgres server, Map<String, String> properties, Map<String, String> env)
      throws Exception {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put(
        MigrationTest.EXTERNAL_URL_KEY,
        "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres");
    all.put(MigrationTest.EXTERNAL_USER_KEY, USER);
    try (ChildJvm child = ChildJvm.start(PasswordTestCase.class, all, env)) {
      return child.finish(120);
    }
  }

  @Test
  void should_read_the_password_from_the_environment_variable_the_key_names() throws Exception {
    try (EmbeddedPostgres server = passwordServer()) {
      String key = MigrationTest.EXTERNAL_PASSWORD_ENV_KEY;
      String right =
          runInChild(server, Map.of(key, "CI_DB_PASSWORD"), Map.of("CI_DB_PASSWORD", SECRET));
      String wrong =
          runInChild(server, Map.of(key, "CI_DB_PASSWORD"), Map.of("CI_DB_PASSWORD", "nope"));
      String unset = runInChild(server, Map.of(key, "CI_DB_PASSWORD_UNSET"), Map.of());

      assertThat(right).contains("done=0").doesNotContain(SECRET);
      assertThat(wrong)
          .contains("password authentication failed for user \"" + USER + "\"")
          .contains("done=1");
      assertThat(unset)
          .contains(
              "cofferdam.external.password.env=CI_DB_PASSWORD_UNSET names an environment variable"
                  + " that is not set");
    }
  }

  @Test
  void should_read_pgpassword_when_no_password_is_given() throws Exception {
    try (EmbeddedPostgres server = passwordServer()) {
      assertThat(runInChild(server, Map.of(), Map.of("PGPASSWORD", SECRET))).contains("done=0");
      assertThat(runInChild(server, Map.of(), Map.of("PGPASSWORD", "nope")))
          .contains("password authentication failed");
    }
  }
}
