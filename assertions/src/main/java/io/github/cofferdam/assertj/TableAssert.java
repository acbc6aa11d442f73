package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldHaveConstraint.shouldAllowValues;
import static io.github.cofferdam.assertj.error.ShouldHaveConstraint.shouldHaveIndexOn;
import static io.github.cofferdam.assertj.error.ShouldHaveConstraint.shouldHaveValueCheck;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.CheckValues;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one table of a snapshot.
 *
 * @since 0.1.0
 */
public final class TableAssert extends AbstractAssert<TableAssert, CatalogSnapshot.Table> {

  private final CatalogSnapshot snapshot;

  TableAssert(CatalogSnapshot snapshot, CatalogSnapshot.Table table) {
    super(table, TableAssert.class);
    this.snapshot = snapshot;
  }

  /** The column called {@code name}; fails at once, listing the columns, when there is none. */
  public ColumnAssert column(String name) {
    CatalogSnapshot.Column column =
        Names.find(
            snapshot.columnsOf(actual.schema(), actual.name()),
            name,
            CatalogSnapshot.Column::name,
            CatalogSnapshot.Column::name,
            "table " + actual.qualifiedName(),
            "column");
    return new ColumnAssert(this, column);
  }

  /**
   * Verifies that a CHECK constraint of the form {@code column IN (...)} allows every value; the
   * failure names the values it does not allow.
   */
  public TableAssert hasCheckConstraintAllowing(String column, String... values) {
    List<String> expected = Arrays.asList(values);
    List<CatalogSnapshot.Constraint> checks =
        snapshot.constraints().stream()
            .filter(c -> c.schema().equals(actual.schema()) && c.table().equals(actual.name()))
            .filter(c -> c.type().equals("check"))
            .collect(Collectors.toList());
    String closest = null;
    List<String> closestAllowed = null;
    List<String> closestMissing = null;
    for (CatalogSnapshot.Constraint c : checks) {
      var parsed = CheckValues.parse(c.definition());
      if (parsed.isEmpty() || !parsed.get().column().equals(column)) {
        continue;
      }
      List<String> allowed = parsed.get().values();
      List<String> missing =
          expected.stream().filter(v -> !allowed.contains(v)).collect(Collectors.toList());
      if (missing.isEmpty()) {
        return this;
      }
      if (closestMissing == null || missing.size() < closestMissing.size()) {
        closest = c.name();
        closestAllowed = allowed;
        closestMissing = missing;
      }
    }
    if (closest == null) {
      throwAssertionError(
          shouldHaveValueCheck(
              actual.qualifiedName(),
              column,
              quoted(expected),
              checks.stream()
                  .map(c -> c.name() + ": " + c.definition())
                  .collect(Collectors.toList())));
    }
    throwAssertionError(
        shouldAllowValues(
            actual.qualifiedName(),
            column,
            quoted(expected),
            closest,
            quoted(closestAllowed),
            quoted(closestMissing)));
    return this;
  }

  /** Verifies that an index covers exactly these columns (or expressions), in this order. */
  public TableAssert hasIndexOn(String... columns) {
    List<String> expected = Arrays.asList(columns);
    List<CatalogSnapshot.Index> indexes =
        snapshot.indexes().stream()
            .filter(i -> i.schema().equals(actual.schema()) && i.table().equals(actual.name()))
            .collect(Collectors.toList());
    if (indexes.stream().noneMatch(i -> i.columns().equals(expected))) {
      throwAssertionError(
          shouldHaveIndexOn(
              actual.qualifiedName(),
              expected,
              indexes.stream()
                  .map(i -> i.name() + " (" + String.join(", ", i.columns()) + ")")
                  .collect(Collectors.toList())));
    }
    return this;
  }

  private static List<String> quoted(List<String> values) {
    return values.stream().map(CheckValues::quote).collect(Collectors.toList());
  }
}
