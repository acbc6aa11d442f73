package io.github.cofferdam.assertj;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotJson;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.diff.TableDataChange;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link CatalogSnapshot}; navigate to a table or function to assert on it.
 *
 * @since 0.1.0
 */
public final class SnapshotAssert extends AbstractAssert<SnapshotAssert, CatalogSnapshot> {

  SnapshotAssert(CatalogSnapshot actual) {
    super(actual, SnapshotAssert.class);
  }

  /**
   * The table called {@code name} ({@code orders} or {@code shop.orders}); fails at once, listing
   * the tables, when there is none or more than one.
   */
  public TableAssert table(String name) {
    isNotNull();
    CatalogSnapshot.Table table =
        Names.find(
            actual.tables(),
            name,
            CatalogSnapshot.Table::qualifiedName,
            CatalogSnapshot.Table::name,
            "the snapshot",
            "table");
    return new TableAssert(actual, table);
  }

  /**
   * The function or procedure called {@code name} ({@code f}, {@code schema.f}, or a full signature
   * {@code schema.f(p_id integer)} for overloads); fails at once, listing the functions, when there
   * is none or more than one.
   */
  public FunctionAssert function(String name) {
    isNotNull();
    CatalogSnapshot.Function function =
        Names.find(
            actual.functions(),
            name,
            f -> name.contains("(") ? f.signature() : f.schema() + "." + f.name(),
            CatalogSnapshot.Function::name,
            "the snapshot",
            "function");
    return new FunctionAssert(actual, function);
  }

  /**
   * Verifies that both snapshots hold the same schema and data. The failure lists every difference
   * and carries both snapshots' JSON, so IDEs show them side by side.
   */
  public SnapshotAssert isEquivalentTo(CatalogSnapshot expected) {
    isNotNull();
    if (actual.equals(expected)) {
      return this;
    }
    List<String> differences = new ArrayList<>();
    SchemaDiff.between(expected, actual).changes().stream()
        .map(SchemaChange::summary)
        .forEach(differences::add);
    DataDiff.between(expected, actual).changed().stream()
        .map(t -> "data of " + t.table() + ": " + describe(t))
        .forEach(differences::add);
    if (differences.isEmpty()) {
      differences.add("the snapshots differ in what they cover (schemas read, data captured)");
    }
    failWithActualExpectedAndMessage(
        SnapshotJson.write(actual),
        SnapshotJson.write(expected),
        "%nExpecting the snapshots to be equivalent, but (expected → actual):%s",
        bulletList(differences));
    return this;
  }

  private static String describe(TableDataChange t) {
    return t.description();
  }

  static String bulletList(List<String> lines) {
    StringBuilder s = new StringBuilder();
    lines.forEach(l -> s.append("\n  - ").append(l));
    return s.toString();
  }
}
