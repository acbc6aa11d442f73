package io.github.cofferdam.catalog.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Queries that Cofferdam runs again and again on one connection (after every migration), as
 * SQL-level prepared statements ({@code PREPARE} once per session, then {@code EXECUTE}), several
 * in one round trip.
 *
 * <p>Why not JDBC prepared statements: the PostgreSQL driver forgets its server-side prepared
 * statements whenever a {@code CREATE}, {@code ALTER} or {@code DROP} runs on the connection
 * ({@code flushCacheOnDdl}), and every migration runs DDL, so each query would be parsed and
 * planned again after every migration. PostgreSQL's own plan cache keeps a plan across DDL and
 * re-plans only when something the plan depends on changed. {@code PREPARE} is not transactional: a
 * prepared statement survives the rollback of the transaction or savepoint that made it.
 *
 * <p>Arguments are not statement parameters but transaction-local settings ({@code cofferdam.arg1},
 * ...), set in the same round trip and read with {@link #argument(int)}: a statement with
 * parameters gets a custom plan at every execution whenever PostgreSQL estimates its generic plan
 * dearer (it does for an OID list of unknown length under per-row subqueries), and planning the
 * function query cost more than running it. A statement without parameters is planned once per
 * session.
 *
 * <p>That one plan is made when the catalog may still be small (the first migration), and kept
 * while it grows: a sequential scan of {@code pg_constraint} or {@code pg_index} that was cheapest
 * then costs more with every migration. The statements run here look up a few catalog rows (by OID,
 * by the transaction's locks), so a batch that prepares a statement plans it (at its first {@code
 * EXECUTE}) with sequential scans, hash and merge joins off: it follows the indexes whatever the
 * catalog's size. The batch sets them back as they were (settings local to the transaction, so a
 * failed batch leaves nothing behind either). Later batches only execute: they leave the planner
 * settings alone. (Should PostgreSQL plan a statement again — after {@code ANALYZE} of a catalog,
 * or under another {@code search_path} — it plans with the session's settings: the results are the
 * same, only the plan may be slower.)
 *
 * <p>Not API: public only so that Cofferdam's modules can share it.
 */
public final class SessionStatements {

  /** The statements prepared on each connection, as far as this class knows. */
  private static final Map<Connection, Set<String>> PREPARED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SessionStatements() {}

  /** The planner settings a batch changes, and restores. */
  private static final List<String> PLANNER =
      List.of("enable_seqscan", "enable_hashjoin", "enable_mergejoin");

  /** Saves the planner settings, then turns them off (transaction-local). */
  private static final String PLAN_BY_INDEX =
      "SELECT set_config('cofferdam.planner', concat_ws(',', "
          + String.join(", ", PLANNER.stream().map(p -> "current_setting('" + p + "')").toList())
          + "), true), "
          + String.join(
              ", ", PLANNER.stream().map(p -> "set_config('" + p + "', 'off', true)").toList());

  /** Sets the planner settings back as {@link #PLAN_BY_INDEX} found them. */
  private static final String PLAN_AS_BEFORE =
      "SELECT "
          + String.join(
              ", ",
              java.util.stream.IntStream.range(0, PLANNER.size())
                  .mapToObj(
                      i ->
                          "set_config('"
                              + PLANNER.get(i)
                              + "', split_part(current_setting('cofferdam.planner'), ',', "
                              + (i + 1)
                              + "), true)")
                  .toList());

  /** Rows of one query. */
  @FunctionalInterface
  public interface RowSink {
    /** Called for each row. */
    void accept(ResultSet row) throws SQLException;
  }

  /**
   * One query.
   *
   * @param sql a query that reads its arguments with {@link #argument(int)}
   * @param arguments their values, as text
   * @param sink what receives its rows
   */
  public record Query(String sql, List<String> arguments, RowSink sink) {

    /** Copies. */
    public Query {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * How a query reads its {@code n}-th argument (from 1), as text: cast it where it is used ({@code
   * ANY(" + argument(1) + "::oid[])}).
   */
  public static String argument(int n) {
    return "current_setting('cofferdam.arg" + n + "')";
  }

  /** The elements of a SQL array as text ({@code null} elements kept); empty for SQL NULL. */
  public static List<String> strings(java.sql.Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) array.getArray()) {
      out.add(o == null ? null : o.toString());
    }
    return out;
  }

  /** An array literal of {@code values}, to pass as a text argument and cast in the query. */
  public static String array(java.util.Collection<?> values) {
    StringBuilder out = new StringBuilder("{");
    for (Object v : values) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"')
          .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return out.append('}').toString();
  }

  /** Runs the queries, in order, in one round trip. */
  public static void run(Connection connection, List<Query> queries) throws SQLException {
    run(connection, null, queries);
  }

  /** Marks where the results of the queries begin, after those of a {@code before} text. */
  private static final String MARK = "cofferdam_results";

  /**
   * Runs statements of the caller's, then the queries, in order, in one round trip. The statements'
   * own results (as many as they give: a script's) are passed over.
   *
   * @param before statements sent first, or {@code null}; if one fails, nothing after it runs and
   *     its error is thrown
   */
  public static void run(Connection connection, String before, List<Query> queries)
      throws SQLException {
    if (queries.isEmpty() && before == null) {
      return;
    }
    Set<String> known = prepared(connection);
    StringBuilder batch = new StringBuilder();
    if (before != null) {
      batch.append(before).append("\n;\nSELECT 1 AS ").append(MARK).append(";\n");
    }
    List<String> preparing = appendPrepares(batch, queries, known);
    // the result sets, in order: null for the settings that pass arguments
    List<RowSink> sinks = new ArrayList<>();
    // a statement without parameters is planned at its first EXECUTE, and that plan is kept:
    // only a batch that prepares needs the planner settings
    boolean planning = !preparing.isEmpty();
    if (planning) {
      batch.append(PLAN_BY_INDEX).append(";\n");
      sinks.add(null);
    }
    appendExecutes(batch, queries, sinks);
    if (planning) {
      batch.append(PLAN_AS_BEFORE).append(";\n");
      sinks.add(null);
    }
    try (Statement s = connection.createStatement()) {
      if (before != null) {
        s.setEscapeProcessing(false); // as Flyway's executor sends a script's statements
      }
      receive(s, s.execute(batch.toString()), before == null, sinks, queries.size());
      known.addAll(preparing);
    } catch (SQLException | RuntimeException e) {
      PREPARED.remove(
          connection); // which PREPAREs took effect is unknown: ask the server next time
      throw e;
    }
  }

  /** Appends a {@code PREPARE} for each query not yet prepared; returns their names. */
  private static List<String> appendPrepares(
      StringBuilder batch, List<Query> queries, Set<String> known) {
    List<String> preparing = new ArrayList<>();
    for (Query q : queries) {
      String name = name(q.sql());
      if (!known.contains(name) && !preparing.contains(name)) {
        preparing.add(name);
        batch.append("PREPARE ").append(name).append(" AS ").append(q.sql()).append(";\n");
      }
    }
    return preparing;
  }

  /**
   * Appends an {@code EXECUTE} for each query, preceded by the settings that pass its arguments
   * when they differ from the previous query's, and adds a sink for each result set.
   */
  private static void appendExecutes(
      StringBuilder batch, List<Query> queries, List<RowSink> sinks) {
    List<String> set = List.of();
    for (Query q : queries) {
      if (!q.arguments().isEmpty() && !q.arguments().equals(set)) {
        set = q.arguments(); // the next queries with the same arguments read these settings too
        appendArguments(batch, q.arguments());
        sinks.add(null);
      }
      batch.append("EXECUTE ").append(name(q.sql())).append(";\n");
      sinks.add(q.sink());
    }
  }

  /** Appends a {@code SELECT} that sets {@code cofferdam.arg1}, ... to the arguments. */
  private static void appendArguments(StringBuilder batch, List<String> arguments) {
    batch.append("SELECT ");
    for (int i = 0; i < arguments.size(); i++) {
      batch
          .append(i == 0 ? "" : ", ")
          .append("set_config('cofferdam.arg")
          .append(i + 1)
          .append("', ")
          .append(literal(arguments.get(i)))
          .append(", true)");
    }
    batch.append(";\n");
  }

  /**
   * Hands each result set of a batch to its sink, in order: those of the caller's statements
   * ({@code marked} false) are passed over up to the mark.
   */
  private static void receive(
      Statement s, boolean rows, boolean marked, List<RowSink> sinks, int queries)
      throws SQLException {
    int at = 0;
    while (true) {
      if (rows && !marked) {
        try (ResultSet rs = s.getResultSet()) {
          marked =
              rs.getMetaData().getColumnCount() == 1
                  && MARK.equals(rs.getMetaData().getColumnLabel(1));
        }
      } else if (rows) {
        if (at >= sinks.size()) {
          throw new SQLException(sinks.size() + " results expected, more came back");
        }
        RowSink sink = sinks.get(at++);
        try (ResultSet rs = s.getResultSet()) {
          while (sink != null && rs.next()) {
            sink.accept(rs);
          }
        }
      } else if (s.getUpdateCount() == -1) {
        break;
      }
      rows = s.getMoreResults();
    }
    if (at != sinks.size()) {
      throw new SQLException(queries + " queries sent, " + at + " results came back");
    }
  }

  /**
   * Forgets what is prepared on {@code connection}: the next run asks the server (after {@code
   * DEALLOCATE} or {@code DISCARD} on it, say).
   */
  public static void forget(Connection connection) {
    PREPARED.remove(connection);
  }

  private static Set<String> prepared(Connection connection) throws SQLException {
    Set<String> known = PREPARED.get(connection);
    if (known != null) {
      return known;
    }
    Set<String> found = Collections.synchronizedSet(new HashSet<>());
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM pg_prepared_statements WHERE name LIKE 'cofferdam\\_%'")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    PREPARED.put(connection, found);
    return found;
  }

  /** Names already computed, by statement text. */
  private static final Map<String, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A name for the statement, from a digest of its text: the same query has the same name in every
   * session, and two different queries never share one.
   */
  static String name(String sql) {
    return NAMES.computeIfAbsent(
        sql,
        text -> {
          try {
            byte[] digest =
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("cofferdam_");
            for (int i = 0; i < 12; i++) {
              hex.append(String.format(java.util.Locale.ROOT, "%02x", digest[i]));
            }
            return hex.toString();
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
          }
        });
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
