package io.github.cofferdam.catalog.internal;

import static io.github.cofferdam.catalog.internal.SessionStatements.strings;

import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotException;
import io.github.cofferdam.catalog.SnapshotOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Row counts and fingerprints of tables, computed inside PostgreSQL with batched aggregate queries:
 * nothing but the aggregates reaches the JVM.
 */
final class DataReader {

  /** Tables per data query: each query is a UNION ALL of one aggregate per table. */
  static final int DATA_BATCH = 100;

  private final Connection connection;
  private final SnapshotOptions options;

  DataReader(Connection connection, SnapshotOptions options) {
    this.connection = connection;
    this.options = options;
  }

  /**
   * What a fingerprint needs of each table: its column names in order. Taken from a catalog already
   * read, so that reading data does not read the catalog again.
   *
   * @param columns column names by table
   */
  record Layout(Map<QualifiedName, List<String>> columns) {

    /** Nothing known: every table's layout is read from the catalog. */
    static final Layout NONE = new Layout(Map.of());

    /**
     * The layout of {@code tables} from a column list sorted as a snapshot sorts it: each table's
     * columns are found by binary search, so that the cost does not grow with the schema. A table
     * without columns in the list is left out, and read from the catalog.
     */
    static Layout of(List<Column> columns, List<Table> tables) {
      Map<QualifiedName, List<String>> names = new HashMap<>();
      for (Table t : tables) {
        List<String> found = new ArrayList<>();
        for (Column c : Ordering.block(columns, c -> locate(c, t))) {
          found.add(c.name()); // in position order: the columns are sorted so
        }
        if (!found.isEmpty()) {
          names.put(new QualifiedName(t.schema(), t.name()), found);
        }
      }
      return new Layout(names);
    }

    private static int locate(Column c, Table t) {
      return QualifiedName.compare(c.schema(), c.relation(), t.schema(), t.name());
    }
  }

  /**
   * Row counts and fingerprints of the leaf tables among {@code tables}. Each table contributes one
   * aggregate row to a UNION ALL; a query covers {@value #DATA_BATCH} tables. The tables {@code
   * known} does not describe have their layout read first.
   */
  List<TableData> data(List<Table> tables, Layout known) {
    List<Table> leaves =
        tables.stream()
            .filter(t -> !t.kind().equals("partitioned table"))
            .collect(Collectors.toList());
    if (leaves.isEmpty()) {
      return List.of();
    }
    Map<QualifiedName, List<String>> columns = new HashMap<>(known.columns());
    List<Table> unknown =
        leaves.stream().filter(t -> !columns.containsKey(key(t))).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      readLayout(unknown, columns);
    }
    List<TableData> result = new ArrayList<>();
    for (int from = 0; from < leaves.size(); from += DATA_BATCH) {
      int to = Math.min(leaves.size(), from + DATA_BATCH);
      StringBuilder sql = new StringBuilder();
      for (int i = from; i < to; i++) {
        Table t = leaves.get(i);
        if (sql.length() > 0) {
          sql.append("\nUNION ALL\n");
        }
        sql.append(aggregate(i, t, columns.getOrDefault(key(t), List.of())));
      }
      read(sql.toString(), leaves, columns, result);
    }
    return result;
  }

  private static QualifiedName key(Table t) {
    return new QualifiedName(t.schema(), t.name());
  }

  private void read(
      String sql,
      List<Table> leaves,
      Map<QualifiedName, List<String>> columns,
      List<TableData> into) {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Table t = leaves.get(rs.getInt("at"));
        List<String> names = columns.getOrDefault(key(t), List.of());
        List<String> fingerprints = strings(rs.getArray("columns"));
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          byColumn.put(names.get(i), fingerprints.get(i));
        }
        into.add(
            new TableData(
                t.schema(), t.name(), rs.getLong("rows"), rs.getString("fingerprint"), byColumn));
      }
    } catch (SQLException e) {
      throw CatalogReader.failed("row counts and fingerprints", e);
    }
  }

  /** Reads the layout of {@code tables} from the catalog into {@code columns}. */
  private void readLayout(List<Table> tables, Map<QualifiedName, List<String>> columns) {
    String layout =
        SqlResource.query("data-layout.sql", CatalogReader.schemaFilter(options), false);
    SessionStatements.RowSink row =
        rs ->
            columns.put(
                new QualifiedName(rs.getString("schema"), rs.getString("name")),
                parseArray(rs.getString("columns")));
    try {
      if (tables.size() <= DATA_BATCH) {
        // a few tables: by name, a prepared statement
        SessionStatements.run(
            connection,
            List.of(
                new SessionStatements.Query(
                    layout + "\n" + SqlResource.text("data-layout-named.sql"),
                    List.of(
                        SessionStatements.array(
                            tables.stream().map(Table::name).collect(Collectors.toList())),
                        SessionStatements.array(
                            tables.stream().map(Table::schema).collect(Collectors.toList()))),
                    row)));
      } else {
        try (Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery(layout)) {
          while (rs.next()) {
            row.accept(rs);
          }
        }
      }
    } catch (SQLException e) {
      throw new SnapshotException(
          "reading the data layout of the catalog failed: " + e.getMessage(), e);
    }
  }

  /**
   * One table's aggregate row: its index in the batch list, count, the fingerprint of its rows and
   * one per column (see {@link FingerprintSql}).
   */
  private static String aggregate(int index, Table table, List<String> columns) {
    String perColumn =
        columns.stream()
            .map(c -> FingerprintSql.column("t." + QualifiedName.quote(c) + "::text"))
            .collect(Collectors.joining(", "));
    return "(SELECT "
        + index
        + " AS at, count(*) AS rows, "
        + FingerprintSql.rows("t::text")
        + " AS fingerprint, ARRAY["
        + perColumn
        + "]::text[] AS columns FROM "
        + new QualifiedName(table.schema(), table.name()).quoted()
        + " t)";
  }

  /** The elements of a one-dimensional text array literal ({@code {a,"b c"}}). */
  static List<String> parseArray(String text) {
    if (text == null || text.equals("{}")) {
      return List.of();
    }
    String inner = text.substring(1, text.length() - 1);
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < inner.length(); i++) {
      char ch = inner.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          current.append(inner.charAt(++i));
        } else if (ch == '"') {
          quoted = false;
        } else {
          current.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    out.add(current.toString());
    return out;
  }
}
