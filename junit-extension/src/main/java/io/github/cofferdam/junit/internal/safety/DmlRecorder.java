package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.internal.SessionStatements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables a migration inserted into, updated or deleted from, as PostgreSQL counts it: {@code
 * pg_stat_get_xact_tuples_*} read on the migration's own connection, inside its transaction, before
 * and after it runs, for the tables where they are not zero. No SQL parsing. Both readings are
 * needed: the counters are not zero when a transaction starts (PostgreSQL 15 and later keep the
 * counts of earlier transactions until they are flushed to the shared statistics).
 */
final class DmlRecorder {

  /**
   * The counters of every user table where they are not zero (user tables: OIDs from 16384 on; the
   * three counters are read once per table, in a subquery that the planner may not flatten).
   */
  private static final String COUNTERS =
      "SELECT n.nspname || '.' || s.relname, s.ins, s.upd, s.del FROM"
          + " (SELECT c.relname, c.relnamespace, pg_stat_get_xact_tuples_inserted(c.oid) AS ins,"
          + " pg_stat_get_xact_tuples_updated(c.oid) AS upd,"
          + " pg_stat_get_xact_tuples_deleted(c.oid) AS del"
          + " FROM pg_class c WHERE c.relkind IN ('r', 'p', 'm', 'f') AND c.oid >= 16384"
          + " OFFSET 0) s"
          + " JOIN pg_namespace n ON n.oid = s.relnamespace"
          + " WHERE s.ins + s.upd + s.del > 0 AND n.nspname <> '"
          + Inspector.SCHEMA
          + "'";

  /**
   * The counters of the tables this transaction holds {@code RowExclusiveLock} on: every table it
   * inserted into, updated or deleted from (directly, through a trigger or a cascade) since it
   * began. Cheap whatever the number of tables: for the readings after the migration and after its
   * replay, compared with the full reading taken before it.
   */
  private static final String WRITTEN =
      "SELECT n.nspname || '.' || c.relname, pg_stat_get_xact_tuples_inserted(c.oid),"
          + " pg_stat_get_xact_tuples_updated(c.oid), pg_stat_get_xact_tuples_deleted(c.oid)"
          + " FROM (SELECT DISTINCT l.relation FROM pg_locks l"
          + "   WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid()"
          + "   AND l.mode = 'RowExclusiveLock' AND l.granted) l"
          + " JOIN pg_class c ON c.oid = l.relation"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p', 'm', 'f') AND c.oid >= 16384 AND n.nspname <> '"
          + Inspector.SCHEMA
          + "'";

  private Map<String, long[]> before = Map.of();
  private Map<String, long[]> last = Map.of();
  private final Set<String> inserted = new TreeSet<>();
  private final Set<String> updated = new TreeSet<>();
  private final Set<String> deleted = new TreeSet<>();

  /**
   * A query that reads the counters of every table where they are not zero into {@code counts}: the
   * reading before a migration. Run it with other queries.
   */
  static SessionStatements.Query reading(Map<String, long[]> counts) {
    return query(COUNTERS, counts);
  }

  /**
   * A query that reads the counters of the tables this transaction wrote to into {@code counts}:
   * the readings after a migration and after its replay (any table missing from it still has the
   * count it had before).
   */
  static SessionStatements.Query writtenReading(Map<String, long[]> counts) {
    return query(WRITTEN, counts);
  }

  private static SessionStatements.Query query(String sql, Map<String, long[]> counts) {
    return new SessionStatements.Query(
        sql,
        List.of(),
        rs ->
            counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)}));
  }

  /** The counters before the migration. */
  void before(Map<String, long[]> counts) {
    before = counts;
    last = counts;
  }

  /**
   * The counters after it, for the tables the transaction wrote to: what grew was written by it.
   * Every other table keeps the count it had before.
   */
  void after(Map<String, long[]> counts) {
    Map<String, long[]> all = new HashMap<>(before);
    all.putAll(counts);
    last = all;
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] was = before.getOrDefault(e.getKey(), new long[3]);
      long[] is = e.getValue();
      if (is[0] > was[0]) {
        inserted.add(e.getKey());
      }
      if (is[1] > was[1]) {
        updated.add(e.getKey());
      }
      if (is[2] > was[2]) {
        deleted.add(e.getKey());
      }
    }
  }

  /**
   * A recorder that starts where this one's last reading ended: for what runs next in the same
   * transaction, without reading the counters again.
   */
  DmlRecorder next() {
    DmlRecorder next = new DmlRecorder();
    next.before = last;
    next.last = last;
    return next;
  }

  /** A fresh map for a reading. */
  static Map<String, long[]> counts() {
    return new HashMap<>();
  }

  /** Tables with any INSERT, UPDATE or DELETE. */
  Set<String> touched() {
    Set<String> all = new TreeSet<>(inserted);
    all.addAll(updated);
    all.addAll(deleted);
    return all;
  }

  Set<String> inserted() {
    return inserted;
  }

  Set<String> updated() {
    return updated;
  }
}
