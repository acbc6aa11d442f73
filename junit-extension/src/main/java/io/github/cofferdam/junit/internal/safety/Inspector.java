package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

  private final Connection own;
  private Connection connection;
  private final String historyTable;
  private final SnapshotOptions options;
  private final boolean watchingDrops;
  private final boolean verify;
  private Map<String, Long> storage = Map.of();

  /**
   * An object dropped while a migration ran, as {@code pg_event_trigger_dropped_objects()} saw it.
   *
   * @param type the object type ({@code table}, {@code trigger}, {@code table column}, ...)
   * @param identity the object identity ({@code public.orders}, {@code t on public.orders})
   * @param original whether a statement named it (or it was taken along by CASCADE)
   */
  record Dropped(String type, String identity, boolean original) {}

  Inspector(DataSource dataSource, String historyTable, boolean verify) throws SQLException {
    this.verify = verify;
    this.own = dataSource.getConnection();
    this.connection = own;
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

  /**
   * Works on another connection from now on: the migration's own, inside its transaction, where its
   * changes are visible before they commit.
   */
  void on(Connection active) {
    this.connection = active;
  }

  /** The storage map, to restore after a rolled-back replay. */
  Map<String, Long> storageState() {
    return storage;
  }

  void restoreStorage(Map<String, Long> state) {
    storage = state;
  }

  /** A full snapshot: catalog and the data of every table. */
  CatalogSnapshot snapshot() {
    CatalogSnapshot full = CatalogSnapshot.capture(connection, options);
    storage = storage();
    return full;
  }

  /**
   * A snapshot since {@code previous} and the schema changes between them (which do not depend on
   * data, so they are computed once, here).
   *
   * @param snapshot the new snapshot
   * @param changes the schema changes from {@code previous} to it
   */
  record Captured(CatalogSnapshot snapshot, SchemaDiff changes) {}

  /**
   * A snapshot that fingerprints only the tables that can have changed since {@code previous}: the
   * ones written to ({@code written}, from PostgreSQL's per-transaction statistics), those whose
   * storage changed (rewritten by ALTER TABLE, TRUNCATE: a new relfilenode), those whose definition
   * changed, and new ones. Every other table keeps its data from {@code previous}. Returned with
   * the schema changes found on the way.
   */
  Captured captureSince(CatalogSnapshot previous, Set<String> written) {
    CatalogSnapshot catalog = CatalogSnapshot.capture(connection, options.withoutData());
    Map<String, Long> now = storage();
    Set<String> refresh = new TreeSet<>(written);
    now.forEach(
        (table, file) -> {
          if (!file.equals(storage.get(table))) {
            refresh.add(table);
          }
        });
    SchemaDiff changes = SchemaDiff.between(previous, catalog);
    for (SchemaChange c : changes.changes()) {
      if (c.path().startsWith("table ")) {
        String table = c.path().substring("table ".length());
        int slash = table.indexOf(" / ");
        refresh.add(slash < 0 ? table : table.substring(0, slash));
      }
    }
    storage = now;
    CatalogSnapshot incremental = catalog.withDataFrom(previous, connection, refresh);
    if (verify) {
      CatalogSnapshot full = CatalogSnapshot.capture(connection, options);
      if (!full.equals(incremental)) {
        throw new IllegalStateException(
            "incremental capture differs from a full snapshot:\n"
                + SchemaDiff.between(full, incremental)
                + "\n"
                + DataDiff.between(full, incremental));
      }
    }
    return new Captured(incremental, changes);
  }

  /** Each table's storage file: a new one means its rows were rewritten or truncated. */
  private Map<String, Long> storage() {
    Map<String, Long> files = new HashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT n.nspname || '.' || c.relname, c.relfilenode FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'f')")) {
      while (rs.next()) {
        files.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pg_class: " + e.getMessage(), e);
    }
    return files;
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

  @Override
  public void close() throws SQLException {
    try (Statement s = own.createStatement()) {
      if (watchingDrops) {
        s.execute("DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops");
      }
    } finally {
      own.close();
    }
  }
}
