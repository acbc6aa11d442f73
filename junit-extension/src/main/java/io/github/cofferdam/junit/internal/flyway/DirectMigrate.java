package io.github.cofferdam.junit.internal.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.output.OperationResult;

/**
 * The walk's own migrate loop, for the common case: every migration as Flyway resolved it (its
 * parser, placeholders and executor), one transaction per migration on one connection, the history
 * row written as Flyway writes it, in the migration's transaction.
 *
 * <p>{@code flyway migrate} refreshes its whole view of the history at every migration (it reads
 * the history table and compares every resolved migration with every applied one): at 500
 * migrations that is about half of its own time per migration, and it grows with the number of
 * migrations. This loop does the same work per migration whatever the number.
 *
 * <p>It is used only where it cannot differ from {@code flyway migrate} ({@link #usable}): no
 * callbacks of the user (Java or SQL), no {@code group}, no {@code initSql}; and it applies
 * migrations up to the first that must run outside a transaction (or that Flyway cannot parse),
 * leaving that one and the rest to {@code flyway migrate()}. Scripts are parsed on another thread,
 * ahead of the loop ({@link ParseAhead}). Flyway itself still creates the schemas and the history
 * table (a {@code migrate()} that sees no pending migration), and the connection gets the search
 * path and role Flyway gives its migrations: the default schema first ({@code "public","$user",
 * public}), set again after any migration that may have changed them.
 */
public final class DirectMigrate {

  private DirectMigrate() {}

  /**
   * Whether the configuration lets the direct loop apply migrations exactly as {@code flyway
   * migrate} would; each migration must also be able to ({@link #usable(MigrationInfo)}).
   *
   * @param configuration the walk's configuration, with the walk's observer as its only callback
   */
  static boolean usable(Configuration configuration, MigrationWalker.Plan plan) {
    if (configuration.isGroup()
        || configuration.isSkipExecutingMigrations()
        // a baseline made by the bootstrap migrate() would leave out migrations the plan has
        || configuration.isBaselineOnMigrate()
        || (configuration.getCherryPick() != null && configuration.getCherryPick().length > 0)
        || configuration.getCallbacks().length != 1
        || (configuration.getInitSql() != null && !configuration.getInitSql().isBlank())) {
      return false;
    }
    return !MigrationWalker.hasSqlCallback(plan, configuration);
  }

  /**
   * Whether the direct loop can apply this migration as {@code flyway migrate} would: resolved by
   * Flyway, and able to run in a transaction (which parses a SQL script, once: Flyway keeps the
   * statements). A script Flyway cannot parse is left to {@code flyway migrate()}, which reports
   * it.
   */
  static boolean usable(MigrationInfo m) {
    return usable(m, ReplayScript.joined(FlywayInternals.executor(m)));
  }

  /** {@link #usable(MigrationInfo)}, with the migration's statements already joined. */
  static boolean usable(MigrationInfo m, Optional<String> joined) {
    try {
      MigrationExecutor executor = FlywayInternals.executor(m);
      return executor != null
          && !m.getType().isSynthetic()
          && executor.canExecuteInTransaction()
          // COMMIT or BEGIN inside: applied as flyway migrate() applies it (no start again)
          && !TransactionControl.in(joined);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Parses the migrations' scripts, in order, on a thread of its own while the loop applies the
   * earlier ones: the parse is Java work (a quarter of the loop's own time at 500 migrations) that
   * needs no database, so it runs beside the server's work instead of before it. Its results are
   * the plan's futures ({@link Scripts}), one per migration: whether the loop can apply it, its
   * text and its joined statements ({@link Scripts.Parsed}). The loop asks for a migration's with
   * {@link #parsed(int)}, which waits for the thread, or parses it itself if the thread did not
   * claim it first (stopped, or not there yet). Stops at the first migration the loop cannot apply,
   * and when closed.
   */
  static final class ParseAhead implements AutoCloseable {
    private final Scripts scripts;
    private final List<MigrationInfo> migrations;
    private volatile boolean closed;

    ParseAhead(Scripts scripts, List<MigrationInfo> migrations) {
      this.scripts = scripts;
      this.migrations = migrations;
      Thread thread = new Thread(this::run, "cofferdam-parse-ahead");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      for (MigrationInfo m : migrations) {
        if (closed) {
          return;
        }
        scripts.parseIfFirst(m);
        try {
          if (!scripts.parsed(m).usable()) {
            return; // the loop stops there: the rest is flyway migrate()'s
          }
        } catch (Error e) {
          return; // the loop meets it at this migration and rethrows it
        }
      }
    }

    /**
     * Migration {@code index}'s script, parsed: by this thread, or now.
     *
     * @throws Error what the parse threw, as it is
     */
    Scripts.Parsed parsed(int index) {
      return scripts.parsed(migrations.get(index));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * How far the direct loop went.
   *
   * @param applied how many migrations it applied
   * @param failed the migration that failed, if one did
   */
  record Result(int applied, Optional<MigrationWalker.Failed> failed) {}

  /**
   * Applies the migrations in order, calling the observer before and after each inside its
   * transaction, up to the first that fails, or up to the first it cannot apply as {@code flyway
   * migrate} would ({@link #usable(MigrationInfo)}: outside a transaction, or a script Flyway
   * cannot parse): {@code flyway migrate()} then applies the rest, from the history this loop
   * wrote.
   *
   * @param bootstrap a Flyway that sees no pending migration: its {@code migrate()} creates the
   *     schemas and the history table as {@code flyway migrate} does
   * @param configuration the configuration of the migrations (with the observer)
   * @return how many it applied, and the migration that failed, if one did
   */
  static Result migrate(
      DataSource dataSource,
      Flyway bootstrap,
      Configuration configuration,
      MigrationWalker.Plan plan,
      List<MigrationInfo> migrations,
      Observer observer) {
    try (ParseAhead ahead = new ParseAhead(plan.scripts(), migrations);
        Connection c = bootstrapped(bootstrap, dataSource)) {
      Session session = Session.of(c, configuration);
      String history = session.history(plan.historyTable());
      int rank = nextRank(c, history);
      c.setAutoCommit(false);
      boolean restore = true;
      for (int index = 0; index < migrations.size(); index++) {
        MigrationInfo m = migrations.get(index);
        Scripts.Parsed parsed = ahead.parsed(index);
        if (!parsed.usable()) {
          return new Result(index, Optional.empty()); // flyway migrate() applies the rest
        }
        if (restore) {
          session.restore(c);
        }
        try {
          int millis = apply(configuration, c, m, parsed, observer);
          try (PreparedStatement insert =
              observer.connection().prepare(historyRow(history) + ";\nCOMMIT")) {
            insert.setInt(1, rank);
            insert.setString(2, m.getVersion() == null ? null : m.getVersion().toString());
            insert.setString(3, m.getDescription());
            insert.setString(4, m.getType().name());
            insert.setString(5, m.getScript());
            insert.setObject(6, m.getChecksum(), java.sql.Types.INTEGER);
            insert.setString(7, session.installedBy);
            insert.setInt(8, millis);
            insert.execute(); // with what the observer held back, and the commit: one round trip
          }
          rank++;
        } catch (SQLException | RuntimeException e) {
          rollback(c);
          return new Result(index, Optional.of(new MigrationWalker.Failed(m, asFlyway(m, e))));
        }
        restore = mayChangeSession(parsed.text());
      }
      return new Result(migrations.size(), Optional.empty());
    } catch (SQLException e) {
      throw new FlywayException(
          "the walk could not open or set up its migration connection: " + e.getMessage(), e);
    }
  }

  /** The schemas and history table made as {@code flyway migrate} makes them, then a connection. */
  private static Connection bootstrapped(Flyway bootstrap, DataSource dataSource)
      throws SQLException {
    bootstrap.migrate();
    return dataSource.getConnection();
  }

  /**
   * Applies one migration between the observer's calls: in one round trip with the observer's work
   * after it (the statements of Flyway's parse, joined: {@link ReplayScript}) where the script can
   * travel as one text and nothing was written before it; otherwise, or when that failed (rolled
   * back, and started again), through Flyway's executor, which names the failing statement, its
   * line and the error.
   *
   * @return its execution time for the history row (with the observer's work when sent together)
   */
  private static int apply(
      Configuration configuration,
      Connection c,
      MigrationInfo m,
      Scripts.Parsed parsed,
      Observer observer)
      throws SQLException {
    Context context = context(configuration, c, m);
    MigrationExecutor executor = FlywayInternals.executor(m);
    long started = System.nanoTime();
    Optional<String> joined = observer.before(context) ? parsed.joined() : Optional.empty();
    if (joined.isPresent()) {
      try {
        observer.applied(context, joined.get());
        return (int) ((System.nanoTime() - started) / 1_000_000);
      } catch (SQLException e) {
        c.rollback();
        observer.before(context);
        started = System.nanoTime();
      }
    }
    executor.execute(executionContext(configuration, observer.connection().settled()));
    int millis = (int) ((System.nanoTime() - started) / 1_000_000);
    observer.applied(context, null);
    return millis;
  }

  private static String historyRow(String history) {
    return "INSERT INTO "
        + history
        + " (installed_rank, version, description, type, script, checksum, installed_by,"
        + " execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)";
  }

  /**
   * What the walk's own loop says to the observer around each migration, inside its transaction.
   * Under {@code flyway migrate()} the observer is a Flyway callback instead, and does the same
   * work in {@code BEFORE_EACH_MIGRATE} and {@code AFTER_EACH_MIGRATE}.
   */
  public interface Observer extends Callback {
    /**
     * Before the migration runs (the observer's seeds, its reading before).
     *
     * @return whether the observer wrote nothing: the migration can then be sent with the
     *     observer's work after it, and rolled back and started again if it fails
     */
    boolean before(Context context);

    /**
     * The migration ran, or is to run first in the observer's next round trip.
     *
     * @param statements the migration's statements, joined ({@link ReplayScript}), for the observer
     *     to send before its own work in the same round trip; {@code null} when they ran
     * @throws SQLException only when {@code statements} failed: nothing after them ran
     */
    void applied(Context context, String statements) throws SQLException;

    /** The connection the observer works on: the loop's history row goes through it too. */
    WalkConnection connection();
  }

  /**
   * Whether a migration may have changed what Flyway sets again before each migration: the search
   * path or the role (a word match, comments too; a Java migration cannot be read).
   */
  static boolean mayChangeSession(Optional<String> text) {
    if (text.isEmpty()) {
      return true;
    }
    return MigrationWalker.mentions(text.get(), "search_path", "role", "authorization", "discard");
  }

  /** The failure as {@code flyway migrate} throws it: with the migration, its line and file. */
  private static FlywayException asFlyway(MigrationInfo m, Exception e) {
    return FlywayInternals.asMigrateFailure(m, e);
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is lost: the failure already says why
    }
  }

  private static int nextRank(Connection c, String history) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(installed_rank) FROM " + history)) {
      rs.next();
      return rs.getInt(1) + 1;
    }
  }

  /**
   * What Flyway gives its migration connection before each migration: the role the connection
   * started with, and the default schema at the head of the search path.
   */
  private record Session(String role, String schema, String searchPath, String installedBy) {

    static Session of(Connection c, Configuration configuration) throws SQLException {
      String original;
      String role;
      String current;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT current_setting('search_path'), current_user, current_schema")) {
        rs.next();
        original = rs.getString(1);
        role = rs.getString(2);
        current = rs.getString(3);
      }
      String schema =
          configuration.getDefaultSchema() != null
              ? configuration.getDefaultSchema()
              : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : current;
      String path = original;
      if (schema != null
          && !schema.equals(original)
          && !original.startsWith(schema + ",")
          && exists(c, schema)) {
        path = original.isBlank() ? quote(schema) : quote(schema) + "," + original;
      }
      String installedBy =
          configuration.getInstalledBy() == null || configuration.getInstalledBy().isEmpty()
              ? role
              : configuration.getInstalledBy();
      return new Session(role, schema, path, installedBy);
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
      try (PreparedStatement s =
          c.prepareStatement("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = ?)")) {
        s.setString(1, schema);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    }

    /**
     * The history table, qualified: in the default schema unless named with its schema (a migration
     * may have changed the search path).
     */
    String history(String historyTable) {
      int dot = historyTable.lastIndexOf('.');
      String table = historyTable.substring(dot + 1);
      return (dot < 0 ? quote(schema) : quote(historyTable.substring(0, dot))) + "." + quote(table);
    }

    /** Sets the role and the search path again, as Flyway does before each migration. */
    void restore(Connection c) throws SQLException {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT set_config('role', ?, false), set_config('search_path', ?, false)")) {
        s.setString(1, role);
        s.setString(2, searchPath);
        s.execute();
      }
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static Context context(Configuration configuration, Connection c, MigrationInfo m) {
    return new Context() {
      @Override
      public Configuration getConfiguration() {
        return configuration;
      }

      @Override
      public Connection getConnection() {
        return c;
      }

      @Override
      public MigrationInfo getMigrationInfo() {
        return m;
      }

      @Override
      public org.flywaydb.core.api.callback.Statement getStatement() {
        return null;
      }

      @Override
      public OperationResult getOperationResult() {
        return null;
      }
    };
  }

  /** What Flyway's executor of a migration needs to run it on a connection. */
  public static org.flywaydb.core.api.executor.Context executionContext(
      Configuration configuration, Connection c) {
    return new org.flywaydb.core.api.executor.Context() {
      @Override
      public Configuration getConfiguration() {
        return configuration;
      }

      @Override
      public Connection getConnection() {
        return c;
      }
    };
  }
}
