package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.internal.flyway.WalkConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Questions the rules ask the database inside the migration's transaction, each under a savepoint
 * so that a failing one (a cast, an expression) does not abort the transaction, which would
 * silently undo the migration at commit.
 */
final class Probes {

  private static final String PROBE = "cofferdam_probe";

  private final WalkConnection link;

  Probes(WalkConnection link) {
    this.link = link;
  }

  /** A probe that may fail: its result, or empty if it failed. */
  @FunctionalInterface
  interface Probe<T> {
    T run(Connection connection) throws SQLException;
  }

  /** The rows of a CHECK's table that violate its expression, for NOT VALID constraints. */
  Optional<Long> violations(String qualifiedTable, String expression) {
    return guarded(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT count(*) FROM "
                          + qualifiedTable
                          + " WHERE NOT ("
                          + expression
                          + ")")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Runs a probe under a savepoint, on the state the migration left (not the replay's). */
  <T> Optional<T> guarded(Probe<T> probe) {
    Connection connection = link.settled();
    boolean inTransaction;
    try {
      inTransaction = !connection.getAutoCommit();
      if (inTransaction) {
        execute(connection, "SAVEPOINT " + PROBE);
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
    try {
      T result = probe.run(connection);
      if (inTransaction) {
        execute(connection, "RELEASE SAVEPOINT " + PROBE);
      }
      return Optional.ofNullable(result);
    } catch (SQLException | RuntimeException e) {
      if (inTransaction) {
        try {
          execute(connection, "ROLLBACK TO SAVEPOINT " + PROBE + "; RELEASE SAVEPOINT " + PROBE);
        } catch (SQLException rollback) {
          throw new IllegalStateException(
              "Cofferdam could not undo a failed probe inside the migration's transaction: "
                  + rollback.getMessage(),
              rollback);
        }
      }
      return Optional.empty();
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
