package io.github.cofferdam.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The assertions module's own test fixture: one embedded PostgreSQL per test JVM and a fresh
 * database per test class, handed to tests as a {@link Connection} (one per method). This module
 * has no JUnit lifecycle of its own, so it does not use {@code @MigrationTest}.
 */
public final class Postgres implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static EmbeddedPostgres server;

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // exiting anyway
                    }
                  }));
    }
    return server;
  }

  /** Creates a fresh database and returns its name. */
  public static String createDatabase() throws SQLException {
    String name = "test_" + SEQUENCE.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** Drops a database created by {@link #createDatabase()}. */
  public static void dropDatabase(String name) throws SQLException {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** What a test does with a connection to a database of its own. */
  @FunctionalInterface
  public interface Body {
    /** Runs. */
    void run(Connection connection) throws Exception;
  }

  /** Runs {@code body} on a fresh database, dropped afterwards whatever happens. */
  public static void withDatabase(Body body) throws Exception {
    String db = createDatabase();
    try (Connection c = connect(db)) {
      body.run(c);
    } finally {
      dropDatabase(db);
    }
  }

  /** A new connection to a database. */
  public static Connection connect(String database) throws SQLException {
    return server().getDatabase("postgres", database).getConnection();
  }

  private static ExtensionContext.Namespace namespace() {
    return ExtensionContext.Namespace.create(Postgres.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    context.getStore(namespace()).put("database", createDatabase());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    dropDatabase(context.getStore(namespace()).get("database", String.class));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Connection.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      Connection c = connect(context.getStore(namespace()).get("database", String.class));
      context.getStore(namespace()).put(new Object(), c);
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
