package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldReturnColumnsOf.shouldReturnColumnsOf;
import static io.github.cofferdam.assertj.error.ShouldReturnColumnsOf.shouldReturnSetOf;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.ResultColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one function of a snapshot, above all that its result mirrors a table: the drift
 * between {@code RETURNS TABLE} and the table that makes every call fail at run time.
 *
 * @since 0.1.0
 */
public final class FunctionAssert extends AbstractAssert<FunctionAssert, CatalogSnapshot.Function> {

  private final CatalogSnapshot snapshot;

  FunctionAssert(CatalogSnapshot snapshot, CatalogSnapshot.Function function) {
    super(function, FunctionAssert.class);
    this.snapshot = snapshot;
  }

  /**
   * Verifies that the function returns the columns of the table (or view): same names, same order,
   * same types (PostgreSQL keeps no length or precision on function results, so {@code varchar}
   * matches {@code varchar(255)}, but not {@code text}). The failure lists every mismatch. {@code
   * RETURNS SETOF table} passes.
   */
  public FunctionAssert returnsColumnsOf(String table) {
    String qualified = relation(table);
    if (qualified.equals(actual.returnsRowOf())) {
      return this;
    }
    List<Column> columns = columnsOf(qualified);
    check(qualified, columns, "the columns");
    return this;
  }

  /**
   * Verifies that the function returns exactly these columns of the table, in this order and with
   * the table's types.
   */
  public FunctionAssert returnsColumnsOf(String table, String... columnNames) {
    String qualified = relation(table);
    List<Column> all = columnsOf(qualified);
    List<Column> chosen = new ArrayList<>();
    for (String name : columnNames) {
      chosen.add(Names.find(all, name, Column::name, Column::name, "table " + qualified, "column"));
    }
    check(qualified, chosen, "the columns " + String.join(", ", Arrays.asList(columnNames)));
    return this;
  }

  /** Verifies that the function returns {@code SETOF table}. */
  public FunctionAssert returnsSetOf(String table) {
    String qualified = relation(table);
    if (!actual.returnsSet() || !qualified.equals(actual.returnsRowOf())) {
      throwAssertionError(shouldReturnSetOf(actual.signature(), qualified, actual.result()));
    }
    return this;
  }

  private String relation(String name) {
    List<String> relations = new ArrayList<>();
    snapshot.tables().forEach(t -> relations.add(t.qualifiedName()));
    snapshot.views().forEach(v -> relations.add(v.qualifiedName()));
    return Names.find(
        relations, name, r -> r, r -> r.substring(r.indexOf('.') + 1), "the snapshot", "table");
  }

  private List<Column> columnsOf(String qualified) {
    int dot = qualified.indexOf('.');
    return snapshot.columnsOf(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  private void check(String table, List<Column> expected, String which) {
    List<String> mismatches = new ArrayList<>();
    Map<String, ResultColumn> returned = new LinkedHashMap<>();
    actual.resultColumns().forEach(r -> returned.put(r.name(), r));
    if (returned.isEmpty()) {
      mismatches.add(
          "it returns "
              + (actual.result() == null ? "nothing (it is a procedure)" : actual.result())
              + ", not a list of columns");
    } else {
      for (Column c : expected) {
        ResultColumn r = returned.get(c.name());
        if (r == null) {
          mismatches.add("missing column '" + c.name() + "' (table has " + c.type() + ")");
        } else if (!r.type().equals(c.baseType())) {
          mismatches.add(
              "column '"
                  + c.name()
                  + "': function returns "
                  + r.type()
                  + ", table has "
                  + c.type());
        }
      }
      List<String> expectedNames = expected.stream().map(Column::name).collect(Collectors.toList());
      for (ResultColumn r : returned.values()) {
        if (!expectedNames.contains(r.name())) {
          boolean inTable = columnsOf(table).stream().anyMatch(c -> c.name().equals(r.name()));
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
    }
    if (!mismatches.isEmpty()) {
      throwAssertionError(shouldReturnColumnsOf(actual.signature(), table, which, mismatches));
    }
  }
}
