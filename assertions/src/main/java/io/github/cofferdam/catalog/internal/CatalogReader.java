package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotException;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.catalog.internal.CatalogKind.Query;
import io.github.cofferdam.catalog.internal.CatalogKind.Space;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a catalog with one query per object kind (the queries of {@link CatalogKinds}, all in one
 * round trip), and the data with batched aggregate queries ({@link DataReader}).
 */
public final class CatalogReader {

  private static final String SYSTEM_SCHEMAS =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
          + " AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

  private final Connection connection;
  private final SnapshotOptions options;

  /** A reader of what {@code options} say, on {@code connection}. */
  public CatalogReader(Connection connection, SnapshotOptions options) {
    this.connection = connection;
    this.options = options;
  }

  /** The schema filter on alias {@code n} (pg_namespace); binds no parameters. */
  String schemaFilter() {
    return schemaFilter(options);
  }

  static String schemaFilter(SnapshotOptions options) {
    String excluded =
        options.excludedSchemas().isEmpty()
            ? ""
            : " AND n.nspname NOT IN ("
                + options.excludedSchemas().stream()
                    .sorted()
                    .map(CatalogReader::literal)
                    .collect(Collectors.joining(", "))
                + ")";
    if (options.schemas().isEmpty()) {
      return SYSTEM_SCHEMAS + excluded;
    }
    return "n.nspname IN ("
        + options.schemas().stream().map(CatalogReader::literal).collect(Collectors.joining(", "))
        + ")"
        + excluded;
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /**
   * Reads the whole database as the options say.
   *
   * @throws SnapshotException when a catalog query fails
   */
  public CatalogSnapshot read() {
    return snapshot(read(null));
  }

  /**
   * The snapshot of what a whole read found, with the data of its tables when the options ask for
   * it (their layouts taken from the catalog just read).
   */
  CatalogSnapshot snapshot(Parts parts) {
    CatalogSnapshot catalog = parts.snapshot(List.of());
    if (!options.data()) {
      return catalog;
    }
    return Snapshots.withData(
        catalog,
        new DataReader(connection, options)
            .data(catalog.tables(), DataReader.Layout.of(catalog.columns(), catalog.tables())));
  }

  /**
   * Reads the catalog in one round trip: every kind when {@code scope} is {@code null}; otherwise
   * only the relations, functions and enum types it names (by OID), and neither schemas nor
   * extensions. Records the OID of every relation, function and enum type read.
   */
  Parts read(Scope scope) {
    Parts parts = new Parts();
    Batch batch = new Batch(connection);
    // space by space: the queries that take the same OIDs follow each other, so that the
    // arguments are set once for them (SessionStatements)
    for (Space space : Space.values()) {
      for (CatalogKind<?> kind : CatalogKinds.ALL) {
        add(batch, kind, space, parts, scope);
      }
    }
    batch.run();
    return parts;
  }

  private <T> void add(Batch batch, CatalogKind<T> kind, Space space, Parts parts, Scope scope) {
    for (Query<T> query : kind.queries) {
      if (query.space() != space) {
        continue;
      }
      Set<Long> oids = scope == null ? null : scope.oids(space);
      if (scope != null && (oids.isEmpty() || !query.needed().test(scope))) {
        continue;
      }
      batch.add(
          query.name(),
          SqlResource.query(query.resource(), schemaFilter(), scope != null),
          oids == null ? null : oids(oids),
          rs -> keep(kind, query, rs, parts));
    }
  }

  /** One row: its entry, kept unless the options leave out its table; its OID recorded. */
  private <T> void keep(CatalogKind<T> kind, Query<T> query, ResultSet rs, Parts parts)
      throws SQLException {
    T entry = query.row().map(rs);
    boolean excluding = query.excludable() && !options.excludedTables().isEmpty();
    if (!kind.named && !excluding && query.owner() == null) {
      parts.list(kind).add(entry);
      return;
    }
    Object owner = query.owner() != null ? query.owner().map(rs) : kind.owner.of(entry);
    if (kind.named) {
      parts.oids(query.space()).put(rs.getLong("oid"), owner);
    }
    if (excluding && options.excludes((QualifiedName) owner)) {
      return;
    }
    if (query.owner() != null) {
      parts.owners.put(entry, owner);
    }
    parts.list(kind).add(entry);
  }

  private static String oids(Set<Long> oids) {
    return oids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * Several catalog queries. Without parameters (a whole read) they go in one round trip; with an
   * OID list (a partial read) each is a prepared statement, so that PostgreSQL plans it once per
   * connection rather than at every read.
   */
  private static final class Batch {
    private final Connection connection;
    private final List<String> names = new ArrayList<>();
    private final List<String> sqls = new ArrayList<>();
    private final List<String> parameters = new ArrayList<>();
    private final List<SessionStatements.RowSink> sinks = new ArrayList<>();

    Batch(Connection connection) {
      this.connection = connection;
    }

    void add(String name, String sql, String parameter, SessionStatements.RowSink sink) {
      names.add(name);
      sqls.add(sql);
      parameters.add(parameter);
      sinks.add(sink);
    }

    void run() {
      if (sqls.isEmpty()) {
        return;
      }
      if (parameters.stream().allMatch(Objects::isNull)) {
        runTogether();
        return;
      }
      // partial reads run after every migration: session-level prepared statements, planned once
      List<SessionStatements.Query> queries = new ArrayList<>();
      for (int i = 0; i < sqls.size(); i++) {
        queries.add(
            new SessionStatements.Query(
                sqls.get(i),
                parameters.get(i) == null ? List.of() : List.of(parameters.get(i)),
                sinks.get(i)));
      }
      try {
        SessionStatements.run(connection, queries);
      } catch (SQLException e) {
        throw failed(String.join(", ", names), e);
      }
    }

    private void runTogether() {
      try (var s = connection.createStatement()) {
        boolean results = s.execute(String.join(";\n", sqls));
        for (int at = 0; at < sqls.size(); at++) {
          if (!results) {
            throw new SQLException("no rows came back for the " + names.get(at));
          }
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              sinks.get(at).accept(rs);
            }
          }
          results = s.getMoreResults();
        }
      } catch (SQLException e) {
        throw failed(failedName(), e);
      }
    }

    /**
     * Which query of a failed batch failed: outside a transaction, each is tried alone; inside one
     * (aborted now) all are named.
     */
    private String failedName() {
      try {
        if (connection.isClosed() || !connection.getAutoCommit()) {
          return connection.isClosed() ? names.get(0) : String.join(", ", names);
        }
        for (int i = 0; i < sqls.size(); i++) {
          try (var s = connection.createStatement()) {
            s.executeQuery(sqls.get(i)).close();
          } catch (SQLException e) {
            return names.get(i);
          }
        }
      } catch (SQLException e) {
        return String.join(", ", names);
      }
      return String.join(", ", names);
    }
  }

  static SnapshotException failed(String what, SQLException e) {
    return new SnapshotException(
        "reading the " + what + " of the catalog failed: " + e.getMessage(), e);
  }
}
