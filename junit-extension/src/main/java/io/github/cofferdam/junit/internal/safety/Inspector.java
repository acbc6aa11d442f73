package io.github.cofferdam.junit.internal.safety;

import static io.github.cofferdam.catalog.internal.SessionStatements.strings;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.catalog.TrackedSnapshot;
import io.github.cofferdam.catalog.internal.SessionStatements;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  private static final String PROBE = "cofferdam_probe";

  /**
   * Back to the session's user for the rest of the transaction ({@code SET LOCAL ROLE NONE}): a
   * migration that ran {@code SET ROLE app_owner} leaves that role on its connection, and the walk
   * reads tables and Cofferdam's own schema that it may not see. The replay then starts, as a
   * second run would under Flyway, from the session's user.
   */
  static final String AS_SESSION_USER = "SELECT set_config('role', 'none', true)";

  private final Connection own;
  private Connection connection;
  private final String historyTable;
  private final SnapshotOptions options;
  private final boolean watchingDrops;
  private final boolean verify;

  /** The settings that change how definitions print, as the last capture saw them. */
  private String settings;

  /**
   * An object dropped while a migration ran, as {@code pg_event_trigger_dropped_objects()} saw it.
   *
   * @param type the object type ({@code table}, {@code trigger}, {@code table column}, ...)
   * @param identity the object identity ({@code public.orders}, {@code t on public.orders})
   * @param original whether a statement named it (or it was taken along by CASCADE)
   * @param oid its OID (for a relation, function or type: to read it again, or forget it)
   */
  record Dropped(String type, String identity, boolean original, long oid) {}

  Inspector(DataSource dataSource, String historyTable, boolean verify) throws SQLException {
    this.verify = verify;
    this.own = dataSource.getConnection();
    this.connection = own;
    this.historyTable = historyTable;
    String table = historyTable.substring(historyTable.lastIndexOf('.') + 1);
    this.options = SnapshotOptions.defaults().excludeTables(table).excludeSchemas(SCHEMA);
    this.watchingDrops = superuser() && installEventTrigger();
    this.changeAfterMigration = changeQuery(false);
    this.changeAfterReplay = changeQuery(true);
  }

  /**
   * The change query after a migration and after its replay, built once: the same text at every
   * step (its prepared statement is found by that text).
   */
  private final String changeAfterMigration;

  private final String changeAfterReplay;

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
    SessionStatements.run(connection, sendFirst(null), List.of(DmlRecorder.reading(counts)));
    dml.before(counts);
  }

  /**
   * Forgets which of Cofferdam's statements are prepared on the migration's connection, after a
   * migration that may have dropped them ({@code DEALLOCATE}, {@code DISCARD}): the next capture
   * asks the server and prepares again what is missing.
   */
  void forgetPreparedStatements() {
    SessionStatements.forget(connection);
  }

  /** A full snapshot: catalog and the data of every table. Forgets the changes logged so far. */
  TrackedSnapshot snapshot() throws SQLException {
    flush();
    if (watchingDrops) {
      try (Statement s = connection.createStatement()) {
        s.execute("DELETE FROM " + SCHEMA + ".ddl; DELETE FROM " + SCHEMA + ".dropped");
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + SETTINGS)) {
      rs.next();
      settings = rs.getString(1); // how this snapshot's definitions and values were printed
    }
    return TrackedSnapshot.capture(connection, options);
  }

  /**
   * The settings that change how PostgreSQL prints definitions and values (names outside the search
   * path are qualified; dates, intervals, time stamps and floats follow the others): when they
   * change between two captures, the catalog is read whole, and if a value setting changed, all
   * data too. The search path comes last.
   */
  private static final String SETTINGS =
      "concat_ws('|', current_setting('DateStyle'), current_setting('IntervalStyle'),"
          + " current_setting('TimeZone'), current_setting('extra_float_digits'),"
          + " current_setting('search_path'))";

  /** The part of {@link #SETTINGS} that changes how values print (all but the search path). */
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
   * Brings {@code previous} up to date, reading again only what changed. Where the user is
   * superuser, event triggers log every DDL command ({@code ddl_command_end}) and every dropped
   * object ({@code sql_drop}); the objects they name, the relations whose {@code pg_class} row this
   * transaction wrote (new, altered, truncated, rewritten: {@code xmin}), and everything that
   * depends on either ({@code pg_depend}) are read again; data is read again for those relations
   * and for the tables in {@code written}. Without event triggers, or when a schema, an extension
   * or a setting that changes how definitions print changed, the catalog is read whole.
   *
   * @param replay whether this follows a replay under a savepoint: only the savepoint's own changes
   *     ({@code xmin} of a subtransaction) count then
   */
  Captured captureSince(TrackedSnapshot previous, DmlRecorder dml, boolean replay)
      throws SQLException {
    return captureSince(previous, dml, replay, null);
  }

  /**
   * As {@link #captureSince(TrackedSnapshot, DmlRecorder, boolean)}, with statements sent first in
   * the same round trip as the change query ({@code before}: the replay).
   *
   * @throws SQLException when one of {@code before} fails (nothing after it ran)
   */
  Captured captureSince(TrackedSnapshot previous, DmlRecorder dml, boolean replay, String before)
      throws SQLException {
    Set<Long> relations = new HashSet<>();
    Map<Long, TrackedSnapshot.Kind> kinds = new HashMap<>();
    Map<Long, Boolean> functionPrivileges = new HashMap<>();
    Set<Long> direct = new HashSet<>();
    Set<String> relationNames = new HashSet<>();
    Set<Long> functions = new HashSet<>();
    Set<Long> enums = new HashSet<>();
    List<Dropped> dropped = new ArrayList<>();
    boolean everything = !watchingDrops;
    boolean allData = false;
    Map<String, long[]> counts = new HashMap<>();
    List<ChangeRow> rows = new ArrayList<>();
    SessionStatements.run(
        connection,
        // what was left to send first, then Cofferdam's own work as the session's user, whatever
        // role the migration set (transaction-local: the next migration gets Flyway's role)
        sendFirst(before == null ? AS_SESSION_USER : before + "\n;\n" + AS_SESSION_USER),
        List.of(
            new SessionStatements.Query(
                replay ? changeAfterReplay : changeAfterMigration,
                List.of(),
                rs -> {
                  if (rs.getString(1).equals("w")) {
                    counts.put(
                        rs.getString(7),
                        new long[] {rs.getLong(11), rs.getLong(12), rs.getLong(13)});
                  } else {
                    rows.add(
                        new ChangeRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            Boolean.TRUE.equals(rs.getObject(4)),
                            (Number) rs.getObject(5),
                            Boolean.TRUE.equals(rs.getObject(6)),
                            rs.getString(7),
                            rs.getString(8),
                            Boolean.TRUE.equals(rs.getObject(9)),
                            strings(rs.getArray(10)),
                            Boolean.TRUE.equals(rs.getObject(14))));
                  }
                })));
    dml.after(counts);
    for (ChangeRow r : rows) {
      if (r.kind().equals("s")) {
        if (!java.util.Objects.equals(settings, r.text1())) {
          everything = true;
        }
        allData = !java.util.Objects.equals(valueSettings(settings), valueSettings(r.text1()));
        settings = r.text1();
      } else if (r.kind().equals("o")) {
        everything |= changed(r, relations, kinds, functionPrivileges, direct, functions, enums);
      } else {
        Dropped d = new Dropped(r.text1(), r.text2(), r.original(), r.oid());
        dropped.add(d);
        everything |=
            droppedObject(
                d, r.address(), previous, relations, direct, relationNames, functions, enums);
      }
    }
    TrackedSnapshot.Refreshed refreshed;
    if (connection.getAutoCommit()) {
      // a migration outside a transaction (executeInTransaction=false) committed statement by
      // statement: its catalog rows carry many transaction IDs and its locks are gone, so neither
      // xmin nor the locks say what it touched. Everything is read again, data included.
      TrackedSnapshot full = snapshot();
      refreshed =
          new TrackedSnapshot.Refreshed(
              full, SchemaDiff.between(previous.snapshot(), full.snapshot()));
    } else {
      refreshed =
          previous.refresh(
              connection,
              new TrackedSnapshot.Changes(
                  relations,
                  relationNames,
                  functions,
                  enums,
                  direct,
                  allData ? allTables(previous) : dml.touched(),
                  everything,
                  kinds,
                  functionPrivileges));
    }
    if (verify) {
      verify(previous.snapshot(), refreshed);
    }
    return new Captured(
        refreshed.tracked(), refreshed.schemaChanges(), watchingDrops ? dropped : List.of());
  }

  /** Every table of a snapshot: values print differently now, so all data is read again. */
  private static Set<String> allTables(TrackedSnapshot snapshot) {
    Set<String> all = new HashSet<>();
    snapshot.snapshot().tables().forEach(t -> all.add(t.qualifiedName()));
    return all;
  }

  /**
   * One row of the change query (see {@link #changeQuery}): {@code s} the settings ({@code text1}),
   * {@code o} an object changed or depending on one, {@code x} a dropped object ({@code text1} its
   * type, {@code text2} its identity).
   *
   * @param relation the relation an {@code o} object is placed on, or {@code null}
   * @param same for a function the replay replaced: whether it is identical to the one before
   */
  private record ChangeRow(
      String kind,
      String catalog,
      long oid,
      boolean direct,
      Number relation,
      boolean isEnum,
      String text1,
      String text2,
      boolean original,
      List<String> address,
      boolean same) {}

  /** One changed object, placed: returns whether it needs the whole catalog read. */
  private static boolean changed(
      ChangeRow row,
      Set<Long> relations,
      Map<Long, TrackedSnapshot.Kind> kinds,
      Map<Long, Boolean> functionPrivileges,
      Set<Long> direct,
      Set<Long> functions,
      Set<Long> enums) {
    String catalog = row.catalog();
    long oid = row.oid();
    if (catalog == null) {
      return true; // GRANT, REVOKE, ALTER DEFAULT PRIVILEGES: no object named
    }
    switch (catalog) {
      case "pg_namespace":
      case "pg_extension":
        return true;
      case "pg_proc":
        if (!row.same()) { // the replay put back the very same function
          functions.add(oid);
          if (row.text2() != null) { // A if it has privileges granted
            functionPrivileges.put(oid, row.text2().equals("A"));
          }
        }
        return false;
      default:
        if (row.relation() != null) {
          long relation = row.relation().longValue();
          relations.add(relation);
          if (row.text1() != null) { // relkind, then T if it may have triggers, P if policies,
            // A if privileges
            kinds.put(
                relation,
                new TrackedSnapshot.Kind(
                    row.text1().substring(0, 1),
                    row.text1().charAt(1) == 'T',
                    row.text1().charAt(2) == 'P',
                    row.text1().charAt(3) == 'A'));
          }
          if (row.direct()) {
            direct.add(relation);
          }
        }
        if (row.isEnum()) {
          enums.add(oid);
        }
        return false;
    }
  }

  /** A dropped object, placed: returns whether it needs the whole catalog read. */
  private static boolean droppedObject(
      Dropped d,
      List<String> address,
      TrackedSnapshot previous,
      Set<Long> relations,
      Set<Long> direct,
      Set<String> relationNames,
      Set<Long> functions,
      Set<Long> enums) {
    switch (d.type()) {
      case "table":
      case "view":
      case "materialized view":
      case "sequence":
      case "foreign table":
        relations.add(d.oid());
        direct.add(d.oid());
        return false;
      case "index":
        if (address.size() >= 2) {
          previous.snapshot().indexes().stream()
              .filter(i -> i.schema().equals(address.get(0)) && i.name().equals(address.get(1)))
              .forEach(i -> relationNames.add(i.schema() + "." + i.table()));
        }
        return false;
      case "table constraint":
      case "trigger":
      case "policy":
      case "default value":
      case "table column":
      case "rule":
        if (address.size() >= 2) {
          relationNames.add(address.get(0) + "." + address.get(1));
          return false;
        }
        return true;
      case "function":
      case "procedure":
      case "aggregate":
        functions.add(d.oid());
        return false;
      case "type":
        enums.add(d.oid());
        return false;
      case "toast table":
      case "domain constraint":
        return false;
      default:
        return true;
    }
  }

  /**
   * One query: the settings that change how definitions print, the table statistics of the tables
   * this transaction wrote to ({@code w} rows, see {@link DmlRecorder}), every object changed (from
   * the DDL log and {@code pg_class.xmin}) or depending on one, placed on its relation, and the
   * dropped objects. Both logs are emptied. {@code pg_locks} is read once: it costs about as much
   * as the rest of the query (it walks the whole lock table).
   *
   * <p>After the migration it also keeps a digest of each function the migration created or
   * replaced (its whole {@code pg_proc} row); after the replay, a function the replay replaced with
   * an identical row ({@code same}: {@code CREATE OR REPLACE FUNCTION} run again, the usual way to
   * write an idempotent migration) is not read again — unless something else it depends on changed,
   * which names it again as a dependent.
   */
  private String changeQuery(boolean replay) {
    String none =
        " NULL::bigint AS ins, NULL::bigint AS upd, NULL::bigint AS del, NULL::boolean AS same";
    String settingsRow =
        " SELECT 's' AS row, NULL::text AS catalog, NULL::oid AS oid, NULL::boolean AS direct,"
            + " NULL::oid AS relation, NULL::boolean AS enum,"
            + " "
            + SETTINGS
            + " AS text1,"
            + " NULL::text AS text2, NULL::boolean AS original, NULL::text[] AS address,"
            + none;
    // a transaction locks every relation whose pg_class row it writes (CREATE, ALTER, TRUNCATE,
    // RENAME) and every table it inserts into, updates or deletes from (RowExclusiveLock): the
    // scan is over its locks, not over pg_class
    String locked =
        "locked AS MATERIALIZED (SELECT l.relation, bool_or(l.mode = 'RowExclusiveLock') AS wrote"
            + " FROM pg_locks l WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid()"
            + " AND l.relation >= 16384 GROUP BY l.relation),"
            + " written AS (SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid"
            + " FROM locked l JOIN pg_class c ON c.oid = l.relation"
            + " WHERE c.relkind IN ('r', 'p', 'f', 'm', 'v', 'S') AND age(c.xmin) "
            + (replay ? "<" : "<=")
            + " 0)";
    // the statistics of every table written to: the counters count from the transaction's start
    String statistics =
        " UNION ALL SELECT 'w', NULL, NULL, NULL, NULL, NULL, n.nspname || '.' || c.relname,"
            + " NULL, NULL, NULL, pg_stat_get_xact_tuples_inserted(c.oid),"
            + " pg_stat_get_xact_tuples_updated(c.oid), pg_stat_get_xact_tuples_deleted(c.oid),"
            + " NULL FROM locked l JOIN pg_class c ON c.oid = l.relation"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE l.wrote AND c.relkind IN ('r', 'p', 'm', 'f') AND n.nspname <> '"
            + SCHEMA
            + "'";
    if (!watchingDrops) {
      return "WITH "
          + locked
          + settingsRow
          + " UNION ALL SELECT 'o', 'pg_class', w.objid, true, w.objid, false, NULL, NULL, NULL,"
          + " NULL, NULL, NULL, NULL, NULL FROM written w"
          + statistics;
    }
    return "WITH "
        + locked
        + ", ddl AS (DELETE FROM "
        + SCHEMA
        + ".ddl RETURNING classid, objid),"
        + " dr AS (DELETE FROM "
        + SCHEMA
        + ".dropped RETURNING object_type, object_identity, original, classid, objid,"
        + " address_names),"
        + (replay
            ? ""
            // the functions the migration created or replaced, as they are now: the replay
            // compares with this (the table is emptied at every migration)
            : " nodigest AS (DELETE FROM "
                + SCHEMA
                + ".digests), digest AS (INSERT INTO "
                + SCHEMA
                + ".digests SELECT p.oid, md5(p::text) FROM ddl t JOIN pg_proc p"
                + " ON p.oid = t.objid WHERE t.classid = 'pg_proc'::regclass),")
        + " touched0 AS (SELECT classid, objid FROM ddl UNION SELECT classid, objid FROM written),"
        // a relation's row type, and a type's array type, are renamed with it: what names them
        // (a function returning SETOF the table, taking an array of it, a column of that type)
        // depends on the type, not on the relation
        + " types AS (SELECT objid AS oid FROM touched0 WHERE classid = 'pg_type'::regclass"
        + "   UNION SELECT c.reltype FROM touched0 t JOIN pg_class c ON c.oid = t.objid"
        + "   WHERE t.classid = 'pg_class'::regclass AND c.reltype <> 0),"
        + " touched AS (SELECT classid, objid FROM touched0"
        + "   UNION SELECT 'pg_type'::regclass::oid, oid FROM types"
        + "   UNION SELECT 'pg_type'::regclass::oid, y.typarray FROM types"
        + "   JOIN pg_type y ON y.oid = types.oid WHERE y.typarray <> 0),"
        + " objects AS (SELECT classid, objid, true AS direct FROM touched"
        + "   UNION ALL SELECT d.classid, d.objid, t.classid = 'pg_type'::regclass"
        + "   FROM touched t CROSS JOIN LATERAL (SELECT d.classid, d.objid FROM pg_depend d"
        + "     WHERE d.refclassid = t.classid AND d.refobjid = t.objid OFFSET 0) d)"
        + settingsRow
        // o: an object, the relation it is placed on, and what that relation is (in text1: its
        // relkind, then T if it has or had a trigger, P if it has a policy, A if it has
        // privileges granted)
        + " UNION ALL SELECT 'o', o.classid::regclass::text, o.objid, o.direct, r.relation,"
        + " coalesce((SELECT t.typtype = 'e' FROM pg_type t"
        + "   WHERE o.classid = 'pg_type'::regclass AND t.oid = o.objid), false),"
        + (replay
            // after the replay, what is read again at all is rare: without kinds it is read whole,
            // and the replay's many unchanged objects are not looked up one by one
            ? " NULL, NULL,"
            : " (SELECT k.relkind::text || CASE WHEN k.relhastriggers THEN 'T' ELSE '-' END"
                + "   || CASE WHEN EXISTS (SELECT FROM pg_policy y WHERE y.polrelid = k.oid)"
                + "   THEN 'P' ELSE '-' END || CASE WHEN k.relacl IS NULL THEN '-' ELSE 'A' END"
                + "   FROM pg_class k WHERE k.oid = r.relation),"
                // a function: A if it has privileges granted
                + " CASE WHEN o.classid = 'pg_proc'::regclass THEN (SELECT CASE WHEN p.proacl"
                + "   IS NULL THEN '-' ELSE 'A' END FROM pg_proc p WHERE p.oid = o.objid) END,")
        + " NULL, NULL, NULL, NULL, NULL, "
        + (replay
            // a function the replay replaced by its very self (CREATE OR REPLACE FUNCTION again)
            ? "CASE WHEN o.classid = 'pg_proc'::regclass AND o.direct THEN"
                + " (SELECT md5(p::text) FROM pg_proc p WHERE p.oid = o.objid)"
                + " = (SELECT d.digest FROM "
                + SCHEMA
                + ".digests d WHERE d.oid = o.objid) END"
            : "NULL")
        + " FROM objects o CROSS JOIN LATERAL (SELECT CASE o.classid"
        + "   WHEN 'pg_class'::regclass THEN coalesce((SELECT x.indrelid FROM pg_index x"
        + "     WHERE x.indexrelid = o.objid), o.objid)"
        + "   WHEN 'pg_constraint'::regclass THEN (SELECT nullif(k.conrelid, 0)"
        + "     FROM pg_constraint k WHERE k.oid = o.objid)"
        + "   WHEN 'pg_trigger'::regclass THEN (SELECT g.tgrelid FROM pg_trigger g"
        + "     WHERE g.oid = o.objid)"
        + "   WHEN 'pg_policy'::regclass THEN (SELECT p.polrelid FROM pg_policy p"
        + "     WHERE p.oid = o.objid)"
        + "   WHEN 'pg_rewrite'::regclass THEN (SELECT r.ev_class FROM pg_rewrite r"
        + "     WHERE r.oid = o.objid)"
        + "   WHEN 'pg_attrdef'::regclass THEN (SELECT a.adrelid FROM pg_attrdef a"
        + "     WHERE a.oid = o.objid)"
        + "   WHEN 'pg_type'::regclass THEN (SELECT nullif(t.typrelid, 0) FROM pg_type t"
        + "     WHERE t.oid = o.objid)"
        // OFFSET 0: computed once per object (inlined, the planner copied the CASE and its seven
        // lookups into the relation's kind below)
        + " END AS relation OFFSET 0) r"
        + " UNION ALL SELECT 'x', classid::regclass::text, objid, NULL, NULL, NULL,"
        + " object_type, object_identity, original, address_names, NULL, NULL, NULL, NULL"
        + " FROM dr"
        + statistics;
  }

  private void verify(CatalogSnapshot previous, TrackedSnapshot.Refreshed refreshed) {
    CatalogSnapshot full = CatalogSnapshot.capture(connection, options);
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
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private boolean installEventTrigger() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops;"
              + "DROP EVENT TRIGGER IF EXISTS cofferdam_record_ddl;"
              + "DROP SCHEMA IF EXISTS "
              + SCHEMA
              + " CASCADE;"
              + "CREATE SCHEMA "
              + SCHEMA
              + ";"
              + "CREATE TABLE "
              + SCHEMA
              + ".dropped (object_type text, object_identity text, original boolean,"
              + " classid oid, objid oid, address_names text[]);"
              + "CREATE TABLE "
              + SCHEMA
              + ".ddl (classid oid, objid oid);"
              + "CREATE TABLE "
              + SCHEMA
              + ".digests (oid oid, digest text);"
              + "CREATE FUNCTION "
              + SCHEMA
              + ".record_drops() RETURNS event_trigger LANGUAGE plpgsql"
              // as its owner: a migration may have SET ROLE to a role that cannot see _cofferdam
              + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
              + " BEGIN INSERT INTO "
              + SCHEMA
              + ".dropped SELECT object_type, object_identity, original, classid, objid,"
              + " address_names FROM pg_event_trigger_dropped_objects(); END $$;"
              + "CREATE FUNCTION "
              + SCHEMA
              + ".record_ddl() RETURNS event_trigger LANGUAGE plpgsql"
              + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
              + " BEGIN INSERT INTO "
              + SCHEMA
              + ".ddl SELECT classid, objid FROM pg_event_trigger_ddl_commands(); END $$;"
              + "CREATE EVENT TRIGGER cofferdam_record_drops ON sql_drop"
              + " EXECUTE FUNCTION "
              + SCHEMA
              + ".record_drops();"
              + "CREATE EVENT TRIGGER cofferdam_record_ddl ON ddl_command_end"
              + " EXECUTE FUNCTION "
              + SCHEMA
              + ".record_ddl();"
              // also in replica mode (SET session_replication_role = replica, the usual way to
              // turn triggers off for a bulk load), where a trigger enabled ORIGIN does not fire
              + "ALTER EVENT TRIGGER cofferdam_record_drops ENABLE ALWAYS;"
              + "ALTER EVENT TRIGGER cofferdam_record_ddl ENABLE ALWAYS;");
      return true;
    }
  }

  /** Statements left to send with the next ones (the replay's rollback), or {@code null}. */
  private String deferred;

  /**
   * Leaves statements to be sent later, with others: first in the next batch this inspector sends
   * (a capture, a reading of the statistics, a snapshot, a probe), or by the walk's own loop with
   * the migration's history row and commit; {@link #flush} sends them alone (before a workflow uses
   * the connection).
   */
  void defer(String statements) {
    deferred = deferred == null ? statements : deferred + ";\n" + statements;
  }

  /** The deferred statements, now the caller's to send; {@code null} if none. */
  String takeDeferred() {
    String d = deferred;
    deferred = null;
    return d;
  }

  /** The deferred statements, if any, then {@code more} (or only those when it is null). */
  private String sendFirst(String more) {
    String d = takeDeferred();
    return d == null ? more : more == null ? d : d + "\n;\n" + more;
  }

  /** Sends the deferred statements, if any. */
  void flush() {
    String d = takeDeferred();
    if (d != null) {
      try (Statement s = connection.createStatement()) {
        s.execute(d);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "Cofferdam could not roll its replay back inside the migration's transaction: "
                + e.getMessage(),
            e);
      }
    }
  }

  /** The rows of a CHECK's table that violate its expression, for NOT VALID constraints. */
  Optional<Long> violations(String qualifiedTable, String expression) {
    return guarded(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT count(*) FROM "
                          + qualifiedTable
                          + " WHERE NOT ("
                          + expression
                          + ")")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** A probe that may fail (a cast, an expression): its result, or empty if it failed. */
  @FunctionalInterface
  interface Probe<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs a probe that may fail inside the migration's transaction under a savepoint, so that its
   * failure does not abort the transaction (which would silently undo the migration at commit).
   */
  <T> Optional<T> guarded(Probe<T> probe) {
    flush(); // the probe must see the migration's state, not the replay's
    boolean inTransaction;
    try {
      inTransaction = !connection.getAutoCommit();
      if (inTransaction) {
        try (Statement s = connection.createStatement()) {
          s.execute("SAVEPOINT " + PROBE);
        }
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
    try {
      T result = probe.run(connection);
      if (inTransaction) {
        try (Statement s = connection.createStatement()) {
          s.execute("RELEASE SAVEPOINT " + PROBE);
        }
      }
      return Optional.ofNullable(result);
    } catch (SQLException | RuntimeException e) {
      if (inTransaction) {
        try (Statement s = connection.createStatement()) {
          s.execute("ROLLBACK TO SAVEPOINT " + PROBE + "; RELEASE SAVEPOINT " + PROBE);
        } catch (SQLException rollback) {
          throw new IllegalStateException(
              "Cofferdam could not undo a failed probe inside the migration's transaction: "
                  + rollback.getMessage(),
              rollback);
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = own.createStatement()) {
      if (watchingDrops) {
        s.execute(
            "DROP EVENT TRIGGER IF EXISTS cofferdam_record_drops;"
                + " DROP EVENT TRIGGER IF EXISTS cofferdam_record_ddl");
      }
    } finally {
      own.close();
    }
  }
}
