package io.github.cofferdam.junit.internal.flyway;

import io.github.cofferdam.catalog.internal.SessionStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The connection the walk works on, and the statements it holds back for its next round trip.
 *
 * <p>Every statement of the walk goes through here, so held statements (the replay's {@code
 * ROLLBACK TO SAVEPOINT}) always go first, in the same round trip as the next ones: nobody has to
 * remember to flush. Whoever hands the connection to code that sends on its own (Flyway's executor,
 * a critical workflow, {@code flyway migrate()} after a callback) asks for {@link #settled()},
 * which sends what is held first.
 */
public final class WalkConnection {

  private Connection connection;
  private String held;

  /** Works on {@code connection} until told otherwise. */
  public WalkConnection(Connection connection) {
    this.connection = connection;
  }

  /**
   * Works on another connection from now on (the migration's own, inside its transaction). What is
   * held for the current one is sent to it first.
   */
  public void use(Connection next) {
    if (next != connection) {
      flush();
      connection = next;
    }
  }

  /** The connection, with nothing held back: for code that sends on it by itself. */
  public Connection settled() {
    flush();
    return connection;
  }

  /**
   * The connection as it is, possibly with statements held back: only to read its state ({@link
   * Connection#getAutoCommit()}) or to hand to something that sends nothing.
   */
  public Connection unsettled() {
    return connection;
  }

  /** Holds statements back: they go first in the next round trip. */
  public void hold(String statements) {
    held = held == null ? statements : held + ";\n" + statements;
  }

  /** Sends {@code sql} (several statements allowed) after what is held, in one round trip. */
  public void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.setEscapeProcessing(false); // as Flyway's executor sends statements
      s.execute(withHeld(sql));
    }
  }

  /** Runs queries (prepared, batched) after what is held and {@code before}, in one round trip. */
  public void run(String before, List<SessionStatements.Query> queries) throws SQLException {
    SessionStatements.run(connection, withHeld(before), queries);
  }

  /** Prepares {@code sql} with what is held in front of it: executing it sends both at once. */
  public PreparedStatement prepare(String sql) throws SQLException {
    return connection.prepareStatement(withHeld(sql));
  }

  /** Sends what is held, if anything. */
  public void flush() {
    String d = take();
    if (d != null) {
      try (Statement s = connection.createStatement()) {
        s.execute(d);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "Cofferdam could not send its held statements (" + d + "): " + e.getMessage(), e);
      }
    }
  }

  /** What is held, then {@code more} (or only one of them when the other is missing). */
  private String withHeld(String more) {
    String d = take();
    return d == null ? more : more == null ? d : d + "\n;\n" + more;
  }

  private String take() {
    String d = held;
    held = null;
    return d;
  }
}
