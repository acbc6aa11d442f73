package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.internal.SessionStatements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables a migration inserted into, updated or deleted from, as PostgreSQL says it, on the
 * migration's own connection, inside its transaction. No SQL parsing.
 *
 * <p>Every INSERT, UPDATE, DELETE, MERGE or COPY (also through a trigger or a cascade) takes {@code
 * RowExclusiveLock} on its table until the transaction ends: the tables a transaction holds it on
 * are the ones it wrote to. Their counters ({@code pg_stat_get_xact_tuples_*}) tell inserts from
 * updates and deletes, compared with a reading taken before; but the counters are not zero when a
 * transaction starts (PostgreSQL 15 and later keep the counts of earlier transactions until they
 * are flushed), so a reading before covers every table, which costs a scan of all of them. It is
 * taken only where something else writes in the migration's transaction before it runs (seeds,
 * grouped migrations, the user's own Flyway callbacks): otherwise every table the transaction holds
 * {@code RowExclusiveLock} on was written by the migration. The replay, which runs later in the
 * same transaction, compares with the reading after the migration. The readings after are part of
 * the inspector's change query, which reads {@code pg_locks} once for both.
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

  /** Counters before, for the tables they were read for; {@code null} when not read at all. */
  private Map<String, long[]> before;

  private Map<String, long[]> last = Map.of();
  private final Set<String> inserted = new TreeSet<>();
  private final Set<String> updated = new TreeSet<>();
  private final Set<String> deleted = new TreeSet<>();

  /** Written to, without knowing how (no counters before for the table). */
  private final Set<String> written = new TreeSet<>();

  /**
   * A query that reads the counters of every table where they are not zero into {@code counts}: the
   * reading before a migration. Run it with other queries.
   */
  static SessionStatements.Query reading(Map<String, long[]> counts) {
    return new SessionStatements.Query(
        COUNTERS,
        List.of(),
        rs ->
            counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)}));
  }

  /** The counters before the migration, for every table. */
  void before(Map<String, long[]> counts) {
    before = counts;
    last = counts;
  }

  /** No counters before the migration: nothing else wrote in its transaction. */
  void nothingBefore() {
    before = null;
    last = Map.of();
  }

  /**
   * The counters after it, for the tables the transaction wrote to: what grew was written by it.
   * Every other table keeps the count it had before.
   */
  void after(Map<String, long[]> counts) {
    Map<String, long[]> all = new HashMap<>(before == null ? Map.of() : before);
    all.putAll(counts);
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] was = before == null ? null : before.get(e.getKey());
      if (was == null) {
        if (before == null || partial) {
          written.add(e.getKey()); // its count before is unknown: written, but how is unknown
          continue;
        }
        was = new long[3];
      }
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
    last = all;
  }

  /**
   * A recorder that starts where this one's last reading ended: for what runs next in the same
   * transaction, without reading the counters again.
   */
  DmlRecorder next() {
    DmlRecorder next = new DmlRecorder();
    next.before = last;
    next.last = last;
    next.partial = before == null || partial;
    return next;
  }

  /** Whether {@link #before} covers only some tables (the others' counts are unknown). */
  private boolean partial;

  /** Tables with any INSERT, UPDATE or DELETE. */
  Set<String> touched() {
    Set<String> all = new TreeSet<>(inserted);
    all.addAll(updated);
    all.addAll(deleted);
    all.addAll(written);
    return all;
  }

  Set<String> inserted() {
    return inserted;
  }

  Set<String> updated() {
    return updated;
  }
}
