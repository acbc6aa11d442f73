package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.internal.SessionStatements;
import io.github.cofferdam.junit.LockMode;
import io.github.cofferdam.junit.Locking;
import io.github.cofferdam.junit.internal.flyway.WalkConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The locks stage: what the migration locked and rewrote, observed, not guessed. Its query ({@code
 * locks.sql}) goes in the capture's round trip, just before the migration commits: {@code pg_locks}
 * of the walk's own backend (every lock a statement took is held until commit) and the storage file
 * ({@code relfilenode}) of each relation locked, compared with the file it had before.
 *
 * <p>The files before are kept here from step to step rather than read before each migration (a
 * round trip per migration): read whole at the start of the walk, then updated with the relations
 * each migration locked (a relation whose file changes is always locked). They are read whole again
 * where that does not hold: after seeds, and after a migration that committed on its way or ran
 * outside a transaction (its locks are gone when it ends, and so are what they would tell).
 */
final class Locks {

  private static final String FILENODES = SqlText.of("filenodes");
  private static final String LOCKS = SqlText.of("locks");

  private final WalkConnection link;

  /** oid → relfilenode of every user relation, as the last migration left them. */
  private Map<Long, Long> files;

  /** The locks held before the migration (by seeds in its transaction): not the migration's. */
  private Map<Long, LockMode> heldBefore = Map.of();

  private Rows rows;

  Locks(WalkConnection link) throws SQLException {
    this.link = link;
    this.files = readFiles(false);
  }

  /** After seeds ran in the migration's transaction: their files and locks are not its. */
  void seeded() throws SQLException {
    files = readFiles(true);
  }

  /** The query for the capture's round trip; its rows are kept for {@link #observe}. */
  SessionStatements.Query query() {
    rows = new Rows();
    return new SessionStatements.Query(LOCKS, List.of(), rows::read);
  }

  /** A relation the migration held a lock on, as the rules need it. */
  record Held(
      long oid,
      String schema,
      String name,
      String kind,
      LockMode mode,
      boolean existedBefore,
      boolean rewritten,
      long rowsBefore,
      long bytes,
      String tableSchema,
      String table) {

    String qualifiedName() {
      return schema + "." + name;
    }

    /** The table it is (or, for an index, is on), {@code schema.table}. */
    String qualifiedTable() {
      return tableSchema + "." + table;
    }

    boolean isIndex() {
      return kind.equals("index");
    }
  }

  /**
   * What one migration locked and rewrote.
   *
   * @param lockTimeout the lock_timeout the migration set, if it set one
   */
  record Observed(boolean observed, Optional<String> lockTimeout, List<Held> held) {

    Locking locking() {
      List<Locking.Lock> locks = new ArrayList<>();
      List<Locking.Rewrite> rewrites = new ArrayList<>();
      for (Held h : held) {
        locks.add(
            new Locking.Lock(
                h.qualifiedName(), h.kind(), h.mode(), h.existedBefore(), h.rowsBefore()));
        if (h.rewritten()) {
          rewrites.add(new Locking.Rewrite(h.qualifiedName(), h.kind(), h.rowsBefore(), h.bytes()));
        }
      }
      return new Locking(observed, lockTimeout, locks, rewrites);
    }
  }

  static final Observed NOTHING = new Observed(false, Optional.empty(), List.of());

  /**
   * What the step's migration locked and rewrote, from the rows its capture read; remembers the
   * files the migration left for the next step.
   */
  Observed observe(Step step) throws SQLException {
    Rows read = rows;
    rows = null;
    if (!step.writesKnown() || read == null) {
      files = readFiles(false); // committed on the way: its locks are gone
      return NOTHING;
    }
    CatalogSnapshot was = step.was();
    Set<String> known = new HashSet<>();
    for (CatalogSnapshot s : List.of(was, step.after())) {
      s.tables().forEach(t -> known.add(t.qualifiedName()));
      s.views().stream()
          .filter(CatalogSnapshot.View::materialized)
          .forEach(v -> known.add(v.qualifiedName()));
    }
    List<Held> held = new ArrayList<>();
    for (Row r : read.rows) {
      Long before = files.get(r.oid);
      files.put(r.oid, r.filenode);
      LockMode mode = r.modes.stream().max(Comparator.naturalOrder()).orElseThrow();
      LockMode seeds = heldBefore.get(r.oid);
      if (seeds != null && seeds.compareTo(mode) >= 0) {
        continue; // the seeds took it
      }
      String tableSchema = r.tableSchema == null ? r.schema : r.tableSchema;
      String table = r.table == null ? r.name : r.table;
      if (!known.contains(tableSchema + "." + table)) {
        continue; // Flyway's history table, or a relation Cofferdam does not look at
      }
      long rowsBefore =
          before == null
              ? 0
              : was.dataOf(tableSchema, table).map(CatalogSnapshot.TableData::rowCount).orElse(0L);
      held.add(
          new Held(
              r.oid,
              r.schema,
              r.name,
              kind(r.relkind),
              mode,
              before != null,
              before != null && r.filenode != 0 && !before.equals(r.filenode),
              rowsBefore,
              r.bytes,
              tableSchema,
              table));
    }
    heldBefore = Map.of();
    held.sort(Comparator.comparing(Held::qualifiedName));
    Optional<String> timeout =
        read.timeoutSetByMigration && !read.timeout.equals("0")
            ? Optional.of(read.timeout)
            : Optional.empty();
    return new Observed(true, timeout, List.copyOf(held));
  }

  /**
   * After a step that left the database in a state other than its capture (a replay outside a
   * transaction, committed): its files are read again.
   */
  void reread() throws SQLException {
    files = readFiles(false);
  }

  private static String kind(String relkind) {
    switch (relkind) {
      case "i":
        return "index";
      case "m":
        return "materialized view";
      case "p":
        return "partitioned table";
      default:
        return "table";
    }
  }

  /** The files of every user relation; with {@code locks}, also what is locked already. */
  private Map<Long, Long> readFiles(boolean locks) throws SQLException {
    Map<Long, Long> read = new HashMap<>();
    Rows held = new Rows();
    List<SessionStatements.Query> queries = new ArrayList<>();
    queries.add(
        new SessionStatements.Query(
            FILENODES, List.of(), rs -> read.put(rs.getLong("oid"), rs.getLong("relfilenode"))));
    if (locks) {
      queries.add(new SessionStatements.Query(LOCKS, List.of(), held::read));
    }
    link.run(null, queries);
    Map<Long, LockMode> before = new HashMap<>();
    for (Row r : held.rows) {
      before.put(r.oid, r.modes.stream().max(Comparator.naturalOrder()).orElseThrow());
    }
    heldBefore = before;
    return read;
  }

  private record Row(
      long oid,
      String schema,
      String name,
      String relkind,
      long filenode,
      String tableSchema,
      String table,
      List<LockMode> modes,
      long bytes) {}

  /** The rows of {@code locks.sql}. */
  private static final class Rows {
    final List<Row> rows = new ArrayList<>();
    String timeout = "0";
    boolean timeoutSetByMigration;

    void read(ResultSet rs) throws SQLException {
      List<LockMode> modes = new ArrayList<>();
      for (String m : SessionStatements.strings(rs.getArray("modes"))) {
        LockMode.ofPgName(m).ifPresent(modes::add);
      }
      timeout = rs.getString("lock_timeout");
      timeoutSetByMigration = "session".equals(rs.getString("lock_timeout_source"));
      if (modes.isEmpty()) {
        return;
      }
      rows.add(
          new Row(
              rs.getLong("oid"),
              rs.getString("schema"),
              rs.getString("name"),
              rs.getString("relkind"),
              rs.getLong("relfilenode"),
              rs.getString("table_schema"),
              rs.getString("table_name"),
              modes,
              rs.getLong("bytes")));
    }
  }
}
