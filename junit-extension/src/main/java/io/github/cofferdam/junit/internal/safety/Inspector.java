package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.catalog.internal.SessionStatements;
import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.internal.flyway.WalkConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Photographs the walk's database (without Flyway's history table and Cofferdam's own schema): a
 * full snapshot at the start, then after each migration and replay only what the change query
 * ({@link ChangeQuery}) says changed. Where the user is superuser, event triggers log DDL and drops
 * ({@code event-triggers.sql}); elsewhere the catalog is read whole after each step.
 *
 * <p>Every statement goes through the walk's {@link WalkConnection}: the migration's own
 * connection, inside its transaction, where its changes are visible before they commit.
 */
final class Inspector implements AutoCloseable {

  /** Cofferdam's own schema in the walk's database, left out of every snapshot. */
  static final String SCHEMA = "_cofferdam";

  /**
   * Back to the session's user for the rest of the transaction ({@code SET LOCAL ROLE NONE}): a
   * migration that ran {@code SET ROLE app_owner} leaves that role on its connection, and the walk
   * reads tables and Cofferdam's own schema that it may not see. The replay then starts, as a
   * second run would under Flyway, from the session's user.
   */
  static final String AS_SESSION_USER = "SELECT set_config('role', 'none', true)";

  private final Connection own;
  private final WalkConnection link;
  private final SnapshotOptions options;
  private final boolean watchingDrops;
  private final boolean verify;
  private final ChangeQuery changeQuery;

  /** The settings that change how definitions print, as the last capture saw them. */
  private String settings;

  Inspector(DataSource dataSource, String historyTable, boolean verify) throws SQLException {
    this.verify = verify;
    this.own = dataSource.getConnection();
    this.link = new WalkConnection(own);
    String table = historyTable.substring(historyTable.lastIndexOf('.') + 1);
    this.options = SnapshotOptions.defaults().excludeTables(table).excludeSchemas(SCHEMA);
    this.watchingDrops = superuser() && installEventTriggers();
    this.changeQuery = new ChangeQuery(watchingDrops);
  }

  /** The connection the walk works on, and what it holds back for the next round trip. */
  WalkConnection link() {
    return link;
  }

  /**
   * Whether DROP statements are watched (needs a superuser); if not, removals are guessed from
   * snapshots.
   */
  boolean watchingDrops() {
    return watchingDrops;
  }

  /**
   * Starts a migration's transaction. If something else may have written in it already ({@code
   * othersWrite}), reads the table statistics before the migration runs (one round trip); otherwise
   * sends nothing.
   *
   * <p>No transaction ID is taken here: {@code age(xmin)} in the change query compares with the
   * transaction's ID as PostgreSQL fixes it at the first {@code age()} call of the transaction
   * ({@code GetStableLatestTransactionId}): its own ID if it has written by then (every catalog row
   * it wrote carries that ID, or a later one for its subtransactions: a parent gets its ID before
   * its children), else the next ID to be given out, which every later write of the transaction
   * carries or exceeds. Either way the migration's rows have {@code age(xmin) <= 0} and older rows
   * a positive age; the replay's rows, written in a subtransaction after that first call, have a
   * negative one.
   */
  void begin(DmlRecorder dml, boolean othersWrite) throws SQLException {
    if (!othersWrite) {
      dml.nothingBefore();
      return;
    }
    Map<String, long[]> counts = new HashMap<>();
    link.run(null, List.of(DmlRecorder.reading(counts)));
    dml.before(counts);
  }

  /**
   * Forgets which of Cofferdam's statements are prepared on the migration's connection, after a
   * migration that may have dropped them ({@code DEALLOCATE}, {@code DISCARD}): the next capture
   * asks the server and prepares again what is missing.
   */
  void forgetPreparedStatements() {
    SessionStatements.forget(link.unsettled());
  }

  /** A full snapshot: catalog and the data of every table. Forgets the changes logged so far. */
  TrackedSnapshot snapshot() throws SQLException {
    Connection connection = link.settled();
    if (watchingDrops) {
      try (Statement s = connection.createStatement()) {
        s.execute("DELETE FROM " + SCHEMA + ".ddl; DELETE FROM " + SCHEMA + ".dropped");
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + ChangeQuery.SETTINGS)) {
      rs.next();
      settings = rs.getString(1); // how this snapshot's definitions and values were printed
    }
    return TrackedSnapshot.capture(connection, options);
  }

  /**
   * A snapshot since {@code previous}, the schema changes between them, and the objects dropped on
   * the way.
   *
   * @param snapshot the new snapshot
   * @param changes the schema changes from {@code previous} to it
   * @param dropped what DROP statements removed (empty when drops are not watched)
   */
  record Captured(TrackedSnapshot snapshot, SchemaDiff changes, List<Dropped> dropped) {}

  /**
   * Brings {@code previous} up to date, reading again only what changed: the objects the event
   * triggers logged, the relations whose {@code pg_class} row this transaction wrote, everything
   * that depends on either, and the data of those relations and of the tables written to. Without
   * event triggers, or when a schema, an extension or a setting that changes how definitions print
   * changed, the catalog is read whole.
   *
   * @param replay whether this follows a replay under a savepoint: only the savepoint's own changes
   *     ({@code xmin} of a subtransaction) count then
   * @param before statements to send first in the same round trip (the migration or its replay), or
   *     {@code null}
   * @param whole whether the catalog and the data are read whole: the migration committed on the
   *     way ({@code COMMIT} inside), so neither {@code xmin} nor the locks say what it touched
   * @throws SQLException when one of {@code before} fails (nothing after it ran)
   */
  Captured captureSince(
      TrackedSnapshot previous, DmlRecorder dml, boolean replay, String before, boolean whole)
      throws SQLException {
    return captureSince(previous, dml, replay, before, whole, List.of());
  }

  /**
   * {@link #captureSince(TrackedSnapshot, DmlRecorder, boolean, String, boolean)}, with more
   * queries in the same round trip, after the change query (the locks stage's).
   */
  Captured captureSince(
      TrackedSnapshot previous,
      DmlRecorder dml,
      boolean replay,
      String before,
      boolean whole,
      List<SessionStatements.Query> more)
      throws SQLException {
    ChangeQuery.Rows rows = new ChangeQuery.Rows();
    List<SessionStatements.Query> queries = new ArrayList<>();
    queries.add(changeQuery.query(replay, rows));
    queries.addAll(more);
    // the statements first, then Cofferdam's own work as the session's user, whatever role the
    // migration set (transaction-local: the next migration gets Flyway's role)
    link.run(before == null ? AS_SESSION_USER : before + "\n;\n" + AS_SESSION_USER, queries);
    dml.after(rows.counts);
    ChangeSet changes = new ChangeSet(!watchingDrops);
    boolean allData = settingsChanged(rows.settings, changes);
    rows.changed.forEach(changes::add);
    List<Dropped> dropped = new ArrayList<>();
    for (ChangeQuery.Removal r : rows.removed) {
      dropped.add(r.dropped());
      changes.add(r.dropped(), r.address(), previous);
    }
    TrackedSnapshot.Refreshed refreshed =
        refresh(
            previous,
            changes,
            allData ? allTables(previous) : previous.tablesNamed(dml.touched()),
            whole);
    if (verify) {
      verify(previous.snapshot(), refreshed);
    }
    return new Captured(
        refreshed.tracked(), refreshed.schemaChanges(), watchingDrops ? dropped : List.of());
  }

  /**
   * Whether the settings that change how values print changed since the last capture (all data is
   * read again then); a change of any of them reads the whole catalog.
   */
  private boolean settingsChanged(String now, ChangeSet changes) {
    if (!Objects.equals(settings, now)) {
      changes.everything();
    }
    boolean values = !Objects.equals(valueSettings(settings), valueSettings(now));
    settings = now;
    return values;
  }

  private TrackedSnapshot.Refreshed refresh(
      TrackedSnapshot previous, ChangeSet changes, Set<QualifiedName> written, boolean whole)
      throws SQLException {
    Connection connection = link.unsettled();
    if (whole || connection.getAutoCommit()) {
      // a migration outside a transaction (executeInTransaction=false) committed statement by
      // statement, one with COMMIT inside committed on the way: its catalog rows carry several
      // transaction IDs and its earlier locks are gone, so neither xmin nor the locks say what it
      // touched. Everything is read again, data included.
      TrackedSnapshot full = snapshot();
      return new TrackedSnapshot.Refreshed(
          full, SchemaDiff.between(previous.snapshot(), full.snapshot()));
    }
    return previous.refresh(connection, changes.changes(written));
  }

  /** The part of the settings that changes how values print: the first four, not the path. */
  private static String valueSettings(String settings) {
    if (settings == null) {
      return null;
    }
    int at = -1;
    for (int i = 0; i < 4; i++) {
      at = settings.indexOf('|', at + 1);
      if (at < 0) {
        return settings;
      }
    }
    return settings.substring(0, at);
  }

  /** Every table of a snapshot: values print differently now, so all data is read again. */
  private static Set<QualifiedName> allTables(TrackedSnapshot snapshot) {
    Set<QualifiedName> all = new HashSet<>();
    snapshot.snapshot().tables().forEach(t -> all.add(new QualifiedName(t.schema(), t.name())));
    return all;
  }

  private void verify(CatalogSnapshot previous, TrackedSnapshot.Refreshed refreshed) {
    CatalogSnapshot full = CatalogSnapshot.capture(link.settled(), options);
    CatalogSnapshot incremental = refreshed.snapshot();
    if (!full.equals(incremental)) {
      throw new IllegalStateException(
          "incremental capture differs from a full snapshot:\n"
              + SchemaDiff.between(full, incremental)
              + "\n"
              + DataDiff.between(full, incremental));
    }
    SchemaDiff whole = SchemaDiff.between(previous, full);
    if (!whole.equals(refreshed.schemaChanges())) {
      throw new IllegalStateException(
          "incremental schema diff differs from the full one:\nfull:\n"
              + whole
              + "\nincremental:\n"
              + refreshed.schemaChanges());
    }
  }

  private boolean superuser() throws SQLException {
    try (Statement s = own.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private boolean installEventTriggers() throws SQLException {
    try (Statement s = own.createStatement()) {
      s.execute(SqlText.of("event-triggers"));
      return true;
    }
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = own.createStatement()) {
      if (watchingDrops) {
        s.execute(SqlText.of("event-triggers-drop"));
      }
    } finally {
      own.close();
    }
  }
}
