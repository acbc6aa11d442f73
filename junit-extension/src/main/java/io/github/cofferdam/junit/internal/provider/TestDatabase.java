package io.github.cofferdam.junit.internal.provider;

import io.github.cofferdam.junit.internal.SimpleDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database Cofferdam created for a test class; closing it drops the database. It is also the
 * {@link DataSource} tests receive: every {@link #getConnection()} opens a new connection, and
 * {@link #toString()} shows no credentials.
 */
public final class TestDatabase extends SimpleDataSource implements AutoCloseable {

  private final ServerHandle handle;
  private final String name;
  private volatile boolean dropped;
  private volatile String options = "";
  private volatile String searchPath = "";

  TestDatabase(ServerHandle handle, String name) {
    this.handle = handle;
    this.name = name;
  }

  /** The database name, {@code cofferdam_<run id>_<n>}. */
  public String name() {
    return name;
  }

  /** The server, described without credentials. */
  public String serverDescription() {
    return handle.server().describe();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (dropped) {
      throw new SQLException("database " + name + " was dropped when its test class ended");
    }
    String path = searchPath.isEmpty() ? "" : "-c search_path=" + searchPath;
    return handle.connect(name, (options + " " + path).strip());
  }

  ServerHandle handle() {
    return handle;
  }

  /**
   * The search path every connection opened from now on starts with (an environment's, {@link
   * Environment}); a clone of this database gets it too.
   */
  void searchPath(String path) {
    searchPath = path;
  }

  String searchPath() {
    return searchPath;
  }

  /**
   * Limits every connection opened from now on: {@code statement_timeout} and {@code lock_timeout},
   * set for the session when it starts (the JDBC {@code options} property), so that every
   * connection of the walk has them, Flyway's own included.
   *
   * @param statementTimeout the longest a statement may run; zero for no limit
   * @param lockTimeout the longest a statement may wait for a lock; zero for no limit
   */
  public void limit(java.time.Duration statementTimeout, java.time.Duration lockTimeout) {
    options =
        "-c statement_timeout="
            + statementTimeout.toMillis()
            + " -c lock_timeout="
            + lockTimeout.toMillis();
  }

  @Override
  public void close() throws SQLException {
    if (!dropped) {
      dropped = true;
      handle.drop(name);
    }
  }

  @Override
  public String toString() {
    return "Cofferdam database "
        + name
        + " on "
        + handle.server().describe()
        + " ("
        + ServerSpec.redact(handle.server().jdbcUrl(name))
        + ")";
  }
}
