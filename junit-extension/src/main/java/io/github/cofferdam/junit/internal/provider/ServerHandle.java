package io.github.cofferdam.junit.internal.provider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server shared by the test classes of one JVM, and the databases Cofferdam creates on it. Each
 * database is named {@code cofferdam_<run id>_<n>} and carries a comment with the run id. On a
 * server Cofferdam did not start, this JVM holds an advisory lock for its run id for as long as it
 * lives; a later run that can take the lock of a database's run id knows that run is over and drops
 * the database. Databases without Cofferdam's comment are never touched.
 */
public final class ServerHandle implements AutoCloseable {

  /** The first key of Cofferdam's two-key advisory locks: "CFFD". */
  static final int LOCK_CLASS = 0x43464644;

  private static final Pattern COMMENT = Pattern.compile("^cofferdam run=([0-9a-f]{8}) .*");

  private final DatabaseServer server;
  private final Connection leaseConnection;
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.ConcurrentHashMap<String, TestDatabase> templates =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<String, Object> remembered =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Thread shutdownHook;

  private ServerHandle(DatabaseServer server, Connection leaseConnection) {
    this.server = server;
    this.leaseConnection = leaseConnection;
    // SIGTERM or Ctrl-C end the JVM without closing JUnit's stores: stop the server anyway
    this.shutdownHook =
        new Thread(
            () -> {
              try {
                close();
              } catch (SQLException | RuntimeException e) {
                // the JVM is exiting; the next run reaps whatever is left
              }
            },
            "cofferdam-server-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static ServerHandle open(DatabaseServer server) {
    Connection lease = null;
    try {
      lease = server.ownsServer() ? null : serverConnect(server, server.maintenanceDatabase());
      if (lease != null) {
        try (Statement s = lease.createStatement()) {
          s.execute(
              "SELECT pg_advisory_lock("
                  + LOCK_CLASS
                  + ", "
                  + lockKey(Lease.current().runId())
                  + ")");
        }
        reapAbandoned(server, lease);
      }
      return new ServerHandle(server, lease);
    } catch (SQLException e) {
      try {
        if (lease != null) {
          lease.close();
        }
        server.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException(
          "cannot prepare " + server.describe() + ": " + e.getMessage(), e);
    }
  }

  static int lockKey(String runId) {
    return (int) Long.parseLong(runId, 16);
  }

  /** The server. */
  public DatabaseServer server() {
    return server;
  }

  /**
   * Creates a fresh, empty database for a test class.
   *
   * @param owner what the database is for (a class name), recorded in its comment
   */
  public TestDatabase createDatabase(String owner) {
    return create(owner, "template0 ENCODING 'UTF8'", "");
  }

  private TestDatabase create(String owner, String template, String what) {
    String name = "cofferdam_" + Lease.current().runId() + "_" + sequence.incrementAndGet();
    try (Connection c = serverConnect(server, server.maintenanceDatabase());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
      s.execute(
          "COMMENT ON DATABASE "
              + name
              + " IS '"
              + ("cofferdam run="
                      + Lease.current().runId()
                      + " host="
                      + Lease.hostName()
                      + " for="
                      + owner)
                  .replace("'", "''")
              + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database "
              + name
              + what
              + " on "
              + server.describe()
              + ": "
              + e.getMessage(),
          e);
    }
    return new TestDatabase(this, name);
  }

  /**
   * The template database for a key, built by {@code builder} the first time it is asked for (at
   * most once per key and run, even when test classes run in parallel); dropped when the handle
   * closes.
   *
   * @param built told whether this call built the template (true) or found it (false)
   */
  public TestDatabase template(
      String key,
      java.util.function.Consumer<TestDatabase> builder,
      java.util.function.Consumer<Boolean> built) {
    boolean[] fresh = {false};
    TestDatabase template =
        templates.computeIfAbsent(
            key,
            k -> {
              TestDatabase db = createDatabase("template " + k);
              try {
                builder.accept(db);
              } catch (RuntimeException e) {
                try {
                  db.close();
                } catch (SQLException suppressed) {
                  e.addSuppressed(suppressed);
                }
                throw e;
              }
              fresh[0] = true;
              return db;
            });
    built.accept(fresh[0]);
    return template;
  }

  /**
   * Makes a template of a database ({@code CREATE DATABASE … TEMPLATE} it, so nothing may be
   * connected to it), remembers it under {@code key} with a value that goes with it, and drops it
   * when the handle closes. If another template was remembered under the key meanwhile, that one
   * wins and the new copy is dropped.
   */
  public void rememberTemplate(String key, TestDatabase source, Object value) {
    if (templates.containsKey(key)) {
      return;
    }
    TestDatabase copy = cloneOf(source, "template " + key);
    if (templates.putIfAbsent(key, copy) != null) {
      try {
        copy.close();
      } catch (SQLException e) {
        // dropped with the server at the latest
      }
      return;
    }
    remembered.put(key, value);
  }

  /** The template remembered under a key and its value, if any. */
  public <T> Optional<Map.Entry<TestDatabase, T>> rememberedTemplate(String key, Class<T> type) {
    TestDatabase template = templates.get(key);
    Object value = remembered.get(key);
    if (template == null || !type.isInstance(value)) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(template, type.cast(value)));
  }

  /** A new database cloned from a template ({@code CREATE DATABASE … TEMPLATE}). */
  public TestDatabase cloneOf(TestDatabase template, String owner) {
    TestDatabase clone = create(owner, template.name(), " from template " + template.name());
    clone.searchPath(template.searchPath());
    return clone;
  }

  void drop(String database) throws SQLException {
    try (Connection c = serverConnect(server, server.maintenanceDatabase());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  Connection connect(String database, String options) throws SQLException {
    return serverConnect(server, database, options);
  }

  private static Connection serverConnect(DatabaseServer server, String database)
      throws SQLException {
    return serverConnect(server, database, "");
  }

  private static Connection serverConnect(DatabaseServer server, String database, String options)
      throws SQLException {
    Properties p = new Properties();
    if (!options.isEmpty()) {
      p.setProperty("options", options);
    }
    if (!server.user().isEmpty()) {
      p.setProperty("user", server.user());
    }
    if (!server.password().isEmpty()) {
      p.setProperty("password", server.password());
    }
    return DriverManager.getConnection(server.jdbcUrl(database), p);
  }

  /** Drops the Cofferdam databases of runs that ended without cleaning up; returns their names. */
  static List<String> reapAbandoned(DatabaseServer server, Connection c) throws SQLException {
    List<String> dropped = new ArrayList<>();
    List<String[]> candidates = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                    + " WHERE datname LIKE 'cofferdam\\_%' ORDER BY datname")) {
      while (rs.next()) {
        String comment = rs.getString(2);
        Matcher m = COMMENT.matcher(comment == null ? "" : comment);
        if (m.matches() && rs.getString(1).matches("cofferdam_" + m.group(1) + "_\\d+")) {
          candidates.add(new String[] {rs.getString(1), m.group(1)});
        }
      }
    }
    for (String[] candidate : candidates) {
      String run = candidate[1];
      if (run.equals(Lease.current().runId())) {
        continue;
      }
      boolean abandoned;
      try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        p.setInt(1, LOCK_CLASS);
        p.setInt(2, lockKey(run));
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          abandoned = rs.getBoolean(1);
        }
      }
      if (abandoned) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + candidate[0] + " WITH (FORCE)");
          dropped.add(candidate[0]);
        } finally {
          try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            p.setInt(1, LOCK_CLASS);
            p.setInt(2, lockKey(run));
            p.execute();
          }
        }
      }
    }
    return dropped;
  }

  @Override
  public void close() throws SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
    SQLException failure = null;
    for (TestDatabase template : templates.values()) {
      try {
        template.close();
      } catch (SQLException e) {
        failure = e;
      }
    }
    if (leaseConnection != null) {
      try {
        leaseConnection.close();
      } catch (SQLException e) {
        failure = e;
      }
    }
    try {
      server.close();
    } catch (SQLException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
