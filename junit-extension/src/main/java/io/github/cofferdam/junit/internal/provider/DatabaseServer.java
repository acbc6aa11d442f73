package io.github.cofferdam.junit.internal.provider;

import java.sql.SQLException;

/**
 * A running PostgreSQL server that Cofferdam may create databases on. Closing it stops what the
 * provider started; an external server is left running.
 */
public interface DatabaseServer extends AutoCloseable {

  /** A description for messages and reports, without credentials. */
  String describe();

  /** The JDBC URL of a database on this server, without credentials. */
  String jdbcUrl(String database);

  /** The user to connect as. */
  String user();

  /** The password to connect with; never printed. */
  String password();

  /** The name of the database to connect to for creating and dropping databases. */
  String maintenanceDatabase();

  /**
   * Whether Cofferdam started this server itself (embedded, container); databases on a server it
   * did not start are reaped through advisory locks instead of with the server.
   */
  boolean ownsServer();

  @Override
  void close() throws SQLException;
}
