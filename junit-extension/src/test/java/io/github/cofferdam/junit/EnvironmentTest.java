package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.outcomes;
import static io.github.cofferdam.junit.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The Supabase stand-in ({@code cofferdam.environment=supabase}): a Supabase-style project with
 * roles, {@code auth.users}, row level security policies and pgcrypto runs clean through the walk,
 * its policies work for the API roles, and the report says a stand-in was installed.
 */
class EnvironmentTest {

  private static final String DIR = "src/test/resources/sources/";
  private static final String ALICE = "00000000-0000-0000-0000-00000000000a";
  private static final String BOB = "00000000-0000-0000-0000-00000000000b";

  @MigrationTest(source = "supabase", locations = DIR + "supabase-app")
  static class SupabaseAppTestCase implements MigrationSafety {

    @Test
    void policies_show_each_user_their_own_notes(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO auth.users (id, email, raw_user_meta_data) VALUES ('"
                + ALICE
                + "', 'alice@example.com', '{\"username\": \"alice\"}'), ('"
                + BOB
                + "', 'bob@example.com', '{\"username\": \"bob\"}')");
        assertThat(strings(s, "SELECT username FROM profiles ORDER BY username"))
            .containsExactly("alice", "bob");
        s.execute("SET ROLE authenticated");
        claims(s, ALICE);
        s.execute("INSERT INTO notes (body) VALUES ('alice''s note')");
        assertThat(strings(s, "SELECT body FROM notes")).containsExactly("alice's note");
        claims(s, BOB);
        assertThat(strings(s, "SELECT body FROM notes")).isEmpty();
        assertThat(strings(s, "SELECT auth.uid()::text")).containsExactly(BOB);
        s.execute("RESET ROLE");
        assertThat(strings(s, "SELECT owner_id::text FROM notes")).containsExactly(ALICE);
      }
    }

    @Test
    void the_stand_in_is_on_a_migrator_database_too(Migrator migrator) {
      migrator.migrateTo("20240301090000");
      assertThat(
              migrator.queryForList(
                  "SELECT count(*) FROM pg_extension WHERE extname IN ('pgcrypto', 'uuid-ossp')",
                  Long.class))
          .containsExactly(2L);
      assertThat(migrator.migrate("20240302090000")).isApplied().hasNoFindings();
    }

    private static void claims(Statement s, String user) throws SQLException {
      s.execute(
          "SELECT set_config('request.jwt.claims', '{\"sub\": \""
              + user
              + "\", \"role\": \"authenticated\"}', false)");
    }
  }

  @MigrationTest(source = "supabase", locations = DIR + "supabase-app", environment = "none")
  static class WithoutStandInTestCase implements MigrationSafety {}

  @MigrationTest(locations = "filesystem:" + DIR + "env-flyway", environment = "supabase")
  static class FlywayWithStandInTestCase implements MigrationSafety {}

  @MigrationTest(locations = "filesystem:" + DIR + "env-vector", environment = "supabase")
  static class VectorTestCase implements MigrationSafety {}

  @MigrationTest(locations = "filesystem:" + DIR + "env-flyway", environment = "firebase")
  static class BadEnvironmentTestCase implements MigrationSafety {}

  @Test
  void a_supabase_project_with_roles_auth_users_policies_and_pgcrypto_should_run_clean() {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    EngineExecutionResults results;
    try {
      results = Fixtures.run(SupabaseAppTestCase.class);
    } finally {
      System.setOut(out);
    }
    assertAllPassed(results, 5);
    assertThat(outcomes(results).keySet())
        .startsWith(
            "20240301090000_profiles.sql",
            "20240302090000_notes.sql",
            "20240303090000_avatars.sql");
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains(
            "[cofferdam]   environment: Supabase stand-in: roles anon, authenticated,"
                + " service_role, authenticator, supabase_admin;");
  }

  @Test
  void the_reports_should_say_that_a_stand_in_was_installed() throws Exception {
    assertAllPassed(Fixtures.run(FlywayWithStandInTestCase.class), 1);
    Path dir = Path.of("target/cofferdam");
    String name = FlywayWithStandInTestCase.class.getName();
    assertThat(Files.readString(dir.resolve(name + ".md")))
        .contains("- environment: Supabase stand-in: roles anon")
        .contains("(not Supabase itself; see docs/sources.md)");
    assertThat(Files.readString(dir.resolve(name + ".json")))
        .contains("\"environment\" : \"Supabase stand-in: roles anon");
  }

  @Test
  void the_stand_in_should_be_what_a_supabase_project_needs() {
    assertThat(
            classFailure(Fixtures.run(WithoutStandInTestCase.class), WithoutStandInTestCase.class))
        .contains("Migration 20240301090000_profiles.sql failed")
        .contains("schema \"auth\" does not exist");
  }

  @Test
  void two_classes_on_one_server_should_both_get_the_roles() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(
                selectClass(FlywayWithStandInTestCase.class),
                selectClass(SupabaseAppTestCase.class))
            .configurationParameters(Map.of())
            .execute();
    assertAllPassed(results, 6);
  }

  @Test
  void a_missing_extension_should_fail_naming_it_and_the_way_out() {
    assertThat(classFailure(Fixtures.run(VectorTestCase.class), VectorTestCase.class))
        .contains("Migration V1__documents.sql failed at line 1")
        .contains("extension \"vector\"")
        .contains(
            "Fix V1__documents.sql, or run the walk on a server that has the extension vector:"
                + " this server does not have it installed. Set cofferdam.provider=container with"
                + " cofferdam.container.image=<an image that has vector> (pgvector/pgvector:pg17,"
                + " for example)");
  }

  @Test
  void the_key_should_turn_the_stand_in_off_and_a_bad_value_should_be_explained() {
    assertThat(
            classFailure(
                Fixtures.run(
                    FlywayWithStandInTestCase.class, Map.of("cofferdam.environment", "none")),
                FlywayWithStandInTestCase.class))
        .contains("schema \"extensions\" does not exist");
    assertThat(
            classFailure(Fixtures.run(BadEnvironmentTestCase.class), BadEnvironmentTestCase.class))
        .contains(
            "environment 'firebase' is not valid; valid values: none, supabase (key"
                + " cofferdam.environment or attribute environment; default supabase for"
                + " source=supabase, else none)");
  }

  private static List<String> strings(Statement s, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
