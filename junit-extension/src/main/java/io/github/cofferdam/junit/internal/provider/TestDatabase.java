package io.github.cofferdam.junit.internal.provider;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One database Cofferdam created for a test class; closing it drops the database. It is also the
 * {@link DataSource} tests receive: every {@link #getConnection()} opens a new connection, and
 * {@link #toString()} shows no credentials.
 */
public final class TestDatabase implements DataSource, AutoCloseable {

  private final ServerHandle handle;
  private final String name;
  private volatile boolean dropped;

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
    return handle.connect(name);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "the Cofferdam DataSource connects as the provider's user; use getConnection()");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // not used
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // not used
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
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
