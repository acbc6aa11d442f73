package io.github.cofferdam.diff;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.ResultColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a function's result columns with a table's columns: the RPC return-type drift check,
 * shared by the assertion and the safety walk's {@code rpc-drift} rule.
 *
 * @since 0.1.0
 */
public final class ResultColumns {

  private ResultColumns() {}

  /**
   * Every way the function's result differs from the expected columns: wrong type, missing, extra,
   * other order. Empty when they match. PostgreSQL keeps no length or precision on function
   * results, so types are compared without them ({@code varchar} matches {@code varchar(255)}).
   *
   * @param tableColumns all columns of the table, to tell an extra column that the table has from
   *     one it has not
   */
  public static List<String> mismatches(
      Function function, List<Column> expected, List<Column> tableColumns) {
    List<String> mismatches = new ArrayList<>();
    Map<String, ResultColumn> returned = new LinkedHashMap<>();
    function.resultColumns().forEach(r -> returned.put(r.name(), r));
    if (returned.isEmpty()) {
      mismatches.add(
          "it returns "
              + (function.result() == null ? "nothing (it is a procedure)" : function.result())
              + ", not a list of columns");
      return mismatches;
    }
    for (Column c : expected) {
      ResultColumn r = returned.get(c.name());
      if (r == null) {
        mismatches.add("missing column '" + c.name() + "' (table has " + c.type() + ")");
      } else if (!r.type().equals(c.baseType())) {
        mismatches.add(
            "column '" + c.name() + "': function returns " + r.type() + ", table has " + c.type());
      }
    }
    List<String> expectedNames = expected.stream().map(Column::name).collect(Collectors.toList());
    for (ResultColumn r : returned.values()) {
      if (!expectedNames.contains(r.name())) {
        boolean inTable = tableColumns.stream().anyMatch(c -> c.name().equals(r.name()));
        mismatches.add(
            "extra column '"
                + r.name()
                + "' ("
                + r.type()
                + (inTable
                    ? "): not among the expected columns"
                    : "): the table has no such column"));
      }
    }
    List<String> commonReturned =
        returned.keySet().stream().filter(expectedNames::contains).collect(Collectors.toList());
    List<String> commonExpected =
        expectedNames.stream().filter(returned::containsKey).collect(Collectors.toList());
    if (!commonReturned.equals(commonExpected)) {
      mismatches.add(
          "columns in another order: function ("
              + String.join(", ", commonReturned)
              + "), table ("
              + String.join(", ", commonExpected)
              + ")");
    }
    return mismatches;
  }

  /**
   * The table whose columns a function's result mirrors by name: the one table that has every
   * result column (at least two of them), preferring the one whose column count is closest. Empty
   * when there is none, or no single best one.
   */
  public static Optional<CatalogSnapshot.Table> mirroredTable(
      CatalogSnapshot snapshot, Function function) {
    return Optional.ofNullable(mirroredTables(snapshot).get(function));
  }

  /**
   * {@link #mirroredTable} for every function of a snapshot at once: the tables are indexed by
   * column name once (each table's columns found by binary search), and each set of result column
   * names is matched once.
   */
  public static Map<Function, CatalogSnapshot.Table> mirroredTables(CatalogSnapshot snapshot) {
    List<CatalogSnapshot.Table> tables = snapshot.tables();
    List<java.util.Set<String>> namesByTable = new ArrayList<>(tables.size());
    Map<String, List<Integer>> tablesByName = new java.util.HashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      CatalogSnapshot.Table table = tables.get(t);
      java.util.Set<String> names = new java.util.HashSet<>();
      for (Column c : snapshot.columnsOf(table.schema(), table.name())) {
        names.add(c.name());
        tablesByName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(t);
      }
      namesByTable.add(names);
    }
    Map<Function, CatalogSnapshot.Table> result = new LinkedHashMap<>();
    // functions with the same result column names mirror the same table: match each set once
    Map<List<String>, Optional<Integer>> byNames = new java.util.HashMap<>();
    for (Function f : snapshot.functions()) {
      List<String> names =
          f.resultColumns().stream().map(ResultColumn::name).collect(Collectors.toList());
      if (names.size() < 2) {
        continue;
      }
      byNames
          .computeIfAbsent(names, n -> bestTable(n, tablesByName, namesByTable))
          .ifPresent(best -> result.put(f, tables.get(best)));
    }
    return result;
  }

  private static Optional<Integer> bestTable(
      List<String> names,
      Map<String, List<Integer>> tablesByName,
      List<java.util.Set<String>> namesByTable) {
    Integer best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (Integer table : tablesByName.getOrDefault(names.get(0), List.of())) {
      java.util.Set<String> columns = namesByTable.get(table);
      if (!columns.containsAll(names)) {
        continue;
      }
      int distance = columns.size() - names.size();
      if (distance < bestDistance) {
        best = table;
        bestDistance = distance;
        tie = false;
      } else if (distance == bestDistance) {
        tie = true;
      }
    }
    return best != null && !tie ? Optional.of(best) : Optional.empty();
  }

  /**
   * The type mismatches between a function's result and the same-named columns of a table (no
   * missing or extra columns: a function may return a subset). Empty when the types agree.
   */
  public static List<String> typeDrift(Function function, List<Column> tableColumns) {
    List<String> drift = new ArrayList<>();
    for (ResultColumn r : function.resultColumns()) {
      tableColumns.stream()
          .filter(c -> c.name().equals(r.name()))
          .findFirst()
          .filter(c -> !c.baseType().equals(r.type()))
          .ifPresent(
              c ->
                  drift.add(
                      "column '"
                          + r.name()
                          + "': function returns "
                          + r.type()
                          + ", table has "
                          + c.type()));
    }
    return drift;
  }
}
