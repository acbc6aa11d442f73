package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The walk's observer: one connection of its own to the walk's database. It photographs the
 * database (without Flyway's history table and Cofferdam's own schema), watches DROP statements
 * through a {@code sql_drop} event trigger where the user is superuser, and makes Flyway forget a
 * migration so that it can be applied a second time.
 */
final class Inspector implements AutoCloseable {

  /** Cofferdam's own schema in the walk's database, left out of every snapshot. */
  static final String SCHEMA = "_cofferdam";

  private final Connection connection;
  private final String historyTable;
  private final SnapshotOptions options;
  private final boolean watchingDrops;

  /**
   * An object dropped while a migration ran, as {@code pg_event_trigger_dropped_objects()} saw it.
   *
   * @param type the object type ({@code table}, {@code trigger}, {@code table column}, ...)
   * @param identity the object identity ({@code public.orders}, {@code t on public.orders})
   * @param original whether a statement named it (or it was taken along by CASCADE)
   */
  record Dropped(String type, String identity, boolean original) {}

  Inspector(DataSource dataSource, String historyTable) throws SQLException {
    this.connection = dataSource.getConnection();
    this.historyTable = historyTable;
    String table = historyTable.substring(historyTable.lastIndexOf('.') + 1);
    this.options = SnapshotOptions.defaults().excludeTables(table).excludeSchemas(SCHEMA);
    this.watchingDrops = superuser() && installEventTrigger();
  }

  /**
   * Whether DROP statements are watched (needs a superuser); if not, removals are guessed from
   * snapshots.
   */
  boolean watchingDrops() {
    return watchingDrops;
  }

  Connection connection() {
    return connection;
  }

  CatalogSnapshot snapshot() {
    return CatalogSnapshot.capture(connection, options);
  }

  private boolean superuser() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private boolean installEventTrigger() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE SCHEMA IF NOT EXISTS "
              + SCHEMA
              + ";"
              + "CREATE TABLE IF NOT EXISTS "
              + SCHEMA
              + ".dropped (object_type text, object_identity text, original boolean);"
              + "CREATE OR REPLACE FUNCTION "
              + SCHEMA
              + ".record_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$"
              + " BEGIN INSERT INTO "
              + SCHEMA
              + ".dropped SELECT object_type, object_identity, original"
              + " FROM pg_event_trigger_dropped_objects(); END $$;"
              + "DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops;"
              + "CREATE EVENT TRIGGER cofferdam_record_drops ON sql_drop"
              + " EXECUTE FUNCTION "
              + SCHEMA
              + ".record_drops();");
      return true;
    }
  }

  /** The objects dropped since the last call (nothing when drops are not watched). */
  List<Dropped> takeDropped() throws SQLException {
    List<Dropped> dropped = new ArrayList<>();
    if (!watchingDrops) {
      return dropped;
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "DELETE FROM "
                    + SCHEMA
                    + ".dropped RETURNING object_type, object_identity, original")) {
      while (rs.next()) {
        dropped.add(new Dropped(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
      }
    }
    return dropped;
  }

  /**
   * Makes Flyway forget the latest application of a script, so that {@code migrate()} applies it
   * again exactly as it did the first time; the row is kept aside for {@link #remember()}.
   */
  void forget(String script) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE IF NOT EXISTS cofferdam_forgotten AS SELECT * FROM "
              + historyTable
              + " WITH NO DATA;"
              + "DELETE FROM cofferdam_forgotten;"
              + "WITH gone AS (DELETE FROM "
              + historyTable
              + " WHERE installed_rank = (SELECT max(installed_rank) FROM "
              + historyTable
              + " WHERE script = "
              + literal(script)
              + ") RETURNING *) INSERT INTO cofferdam_forgotten SELECT * FROM gone;");
    }
  }

  /** Puts back the row {@link #forget} took, after a replay that failed and left none. */
  void remember() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO " + historyTable + " SELECT * FROM cofferdam_forgotten");
    }
  }

  /** The rows of a CHECK's table that violate its expression, for NOT VALID constraints. */
  Optional<Long> violations(String qualifiedTable, String expression) {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM " + qualifiedTable + " WHERE NOT (" + expression + ")")) {
      rs.next();
      return Optional.of(rs.getLong(1));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = connection.createStatement()) {
      if (watchingDrops) {
        s.execute("DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops");
      }
    } finally {
      connection.close();
    }
  }
}
