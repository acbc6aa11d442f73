package io.github.cofferdam.junit.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.EmbeddedServerExtension;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which scripts the replay may send in one round trip, and that the joined text does on a real
 * PostgreSQL what Flyway's executor does.
 */
class ReplayScriptTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  @TempDir Path dir;

  /** A Java migration: never joined. */
  public static class V9__java extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
      try (Statement s = context.getConnection().createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS from_java (id int)");
      }
    }
  }

  @Test
  void should_join_plain_statements_as_flyway_parsed_them_with_placeholders_replaced()
      throws Exception {
    write(
        "V1__plain.sql",
        "CREATE TABLE ${table} (id int PRIMARY KEY, label text); -- after the semicolon\n"
            + "INSERT INTO ${table} VALUES (1, 'a;b') -- before the semicolon\n"
            + ";\n"
            + "SELECT count(*) FROM ${table};\n"
            + "/* block; comment */ CREATE FUNCTION f() RETURNS int LANGUAGE sql"
            + " AS $$ SELECT 1; $$;\n");
    try (TestDatabase db = server.createDatabase("replay script plain")) {
      Map<String, Optional<String>> joined = joined(db);
      String text = joined.get("1").orElseThrow();
      assertThat(text).contains("CREATE TABLE things").doesNotContain("${table}");
      assertThat(ReplayScript.statements(executor(db, "1"))).hasSize(4);

      // the joined text, sent at once, does what the script does
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.setEscapeProcessing(false);
        s.execute("DROP TABLE things; DROP FUNCTION f()");
        s.execute(text);
        try (ResultSet rs = s.executeQuery("SELECT label, f() FROM things")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("a;b");
          assertThat(rs.getInt(2)).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void should_leave_to_flyways_executor_what_one_text_cannot_carry() throws Exception {
    write(
        "V1__atomic.sql",
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
            + "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 2; END;\n");
    write(
        "V2__copy.sql", "CREATE TABLE copied (id int);\nCOPY copied (id) FROM STDIN;\n1\n2\n\\.\n");
    write("V3__outside.sql", "-- flyway:executeInTransaction=false\nVACUUM copied;\n");
    write("V4__empty.sql", "-- nothing to run\n");
    try (TestDatabase db = server.createDatabase("replay script executor")) {
      assertThat(joined(db))
          .containsEntry("1", Optional.empty())
          .containsEntry("2", Optional.empty())
          .containsEntry("3", Optional.empty())
          .containsEntry("4", Optional.empty())
          .containsEntry("9", Optional.empty());
    }
  }

  private void write(String name, String sql) throws Exception {
    Files.writeString(dir.resolve(name), sql);
  }

  private Flyway flyway(TestDatabase db) {
    return Flyway.configure()
        .dataSource(db)
        .locations("filesystem:" + dir)
        .placeholders(Map.of("table", "things"))
        .javaMigrations(new V9__java())
        .load();
  }

  /** Applies the scripts, then joins each one's statements. */
  private Map<String, Optional<String>> joined(TestDatabase db) {
    Flyway flyway = flyway(db);
    flyway.migrate();
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    for (MigrationInfo m : flyway.info().all()) {
      out.put(m.getVersion().getVersion(), ReplayScript.joined(FlywayInternals.executor(m)));
    }
    return out;
  }

  private org.flywaydb.core.api.executor.MigrationExecutor executor(
      TestDatabase db, String version) {
    return List.of(flyway(db).info().all()).stream()
        .filter(m -> m.getVersion().getVersion().equals(version))
        .map(m -> FlywayInternals.executor(m))
        .findFirst()
        .orElseThrow();
  }
}
