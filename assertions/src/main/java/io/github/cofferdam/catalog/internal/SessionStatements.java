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
 * <p>Not API: public only so that Cofferdam's modules can share it.
 */
public final class SessionStatements {

  /** The statements prepared on each connection, as far as this class knows. */
  private static final Map<Connection, Set<String>> PREPARED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SessionStatements() {}

  /** Rows of one query. */
  @FunctionalInterface
  public interface RowSink {
    /** Called for each row. */
    void accept(ResultSet row) throws SQLException;
  }

  /**
   * One query.
   *
   * @param sql a query whose parameters {@code $1}, {@code $2}, ... are all of type text
   * @param arguments their values (literals are made of them)
   * @param sink what receives its rows
   */
  public record Query(String sql, List<String> arguments, RowSink sink) {

    /** Copies. */
    public Query {
      arguments = List.copyOf(arguments);
    }
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
    if (queries.isEmpty()) {
      return;
    }
    Set<String> known = prepared(connection);
    StringBuilder batch = new StringBuilder();
    List<String> preparing = new ArrayList<>();
    for (Query q : queries) {
      String name = name(q.sql());
      if (!known.contains(name) && !preparing.contains(name)) {
        preparing.add(name);
        batch
            .append("PREPARE ")
            .append(name)
            .append(
                q.arguments().isEmpty()
                    ? ""
                    : " ("
                        + String.join(
                            ", ", java.util.Collections.nCopies(q.arguments().size(), "text"))
                        + ")")
            .append(" AS ")
            .append(q.sql())
            .append(";\n");
      }
    }
    for (Query q : queries) {
      batch.append("EXECUTE ").append(name(q.sql()));
      if (!q.arguments().isEmpty()) {
        batch.append("(");
        for (int i = 0; i < q.arguments().size(); i++) {
          batch.append(i == 0 ? "" : ", ").append(literal(q.arguments().get(i)));
        }
        batch.append(")");
      }
      batch.append(";\n");
    }
    try (Statement s = connection.createStatement()) {
      boolean rows = s.execute(batch.toString());
      int at = 0;
      while (true) {
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              queries.get(at).sink().accept(rs);
            }
          }
          at++;
        } else if (s.getUpdateCount() == -1) {
          break;
        }
        rows = s.getMoreResults();
      }
      if (at != queries.size()) {
        throw new SQLException(queries.size() + " queries sent, " + at + " results came back");
      }
      known.addAll(preparing);
    } catch (SQLException | RuntimeException e) {
      PREPARED.remove(
          connection); // which PREPAREs took effect is unknown: ask the server next time
      throw e;
    }
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
