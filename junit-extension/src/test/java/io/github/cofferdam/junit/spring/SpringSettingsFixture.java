package io.github.cofferdam.junit.spring;

import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.MigrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot team's test: the annotation and nothing else; the migrations, schema, history table
 * and placeholders come from the project's {@code application.*} files. It records what the
 * migrated database holds for the test to check.
 */
@MigrationTest
public class SpringSettingsFixture {

  /** What the last run saw: step labels, the account row and the history table. */
  public static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @Test
  void migrates(MigrationRun run, Connection connection) throws SQLException {
    record(run, connection, SEEN);
  }

  public static void record(MigrationRun run, Connection connection, Map<String, String> seen)
      throws SQLException {
    seen.put("successful", String.valueOf(run.successful()));
    seen.put("steps", String.valueOf(run.steps().stream().map(s -> s.label()).toList()));
    seen.put("account", query(connection, "SELECT owner || ':' || region FROM app.accounts"));
    seen.put(
        "history",
        query(
            connection,
            "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY table_name)"
                + " FROM information_schema.tables WHERE table_name LIKE '%history'"));
    seen.put("public accounts", query(connection, "SELECT to_regclass('public.accounts')::text"));
  }

  public static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? String.valueOf(rs.getString(1)) : "<no row>";
    }
  }
}
