package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldReturnColumnsOf.shouldReturnColumnsOf;
import static io.github.cofferdam.assertj.error.ShouldReturnColumnsOf.shouldReturnSetOf;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.diff.ResultColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    List<String> mismatches = ResultColumns.mismatches(actual, expected, columnsOf(table));
    if (!mismatches.isEmpty()) {
      throwAssertionError(shouldReturnColumnsOf(actual.signature(), table, which, mismatches));
    }
  }
}
