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

  private final Equivalence equivalence;

  SnapshotAssert(CatalogSnapshot actual) {
    this(actual, Equivalence.STRICT);
  }

  private SnapshotAssert(CatalogSnapshot actual, Equivalence equivalence) {
    super(actual, SnapshotAssert.class);
    this.equivalence = equivalence;
  }

  /** A new assert on the same snapshot, with its description, comparing as {@code next} says. */
  private SnapshotAssert with(Equivalence next) {
    SnapshotAssert copy = new SnapshotAssert(actual, next);
    if (info.hasDescription()) {
      copy.describedAs(info.description());
    }
    return copy;
  }

  /**
   * For {@link #isEquivalentTo}: leaves out, on both sides, the privileges granted to these roles
   * (or {@code PUBLIC}), such as the roles that exist only in production ({@code rds_superuser},
   * {@code cloudsqlsuperuser}, a reporting role) or a different owner's grants. Returns a new
   * assert; this one is unchanged.
   */
  public SnapshotAssert ignoringGrantsTo(String... roles) {
    return with(equivalence.ignoringGrantsTo(roles));
  }

  /**
   * For {@link #isEquivalentTo}: leaves out, on both sides, every object in these schemas (and the
   * extensions installed there), such as a platform's own ({@code auth}, {@code storage}) or a
   * schema only production has. Returns a new assert; this one is unchanged.
   */
  public SnapshotAssert ignoringSchemas(String... schemas) {
    return with(equivalence.ignoringSchemas(schemas));
  }

  /**
   * For {@link #isEquivalentTo}: compares the schema only, not row counts and fingerprints (a live
   * database against one the migrations built). Returns a new assert; this one is unchanged.
   */
  public SnapshotAssert ignoringData() {
    return with(equivalence.ignoringData());
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
   * Verifies that both snapshots hold the same schema and data, but for what {@link
   * #ignoringGrantsTo}, {@link #ignoringSchemas} and {@link #ignoringData} leave out. Owners are
   * never compared: a snapshot does not hold them (a grant to the owner is not listed, so a grant
   * to a role that owns the objects on one side only shows up; ignore it with {@link
   * #ignoringGrantsTo}). The failure lists every difference and carries both snapshots' JSON, so
   * IDEs show them side by side.
   */
  public SnapshotAssert isEquivalentTo(CatalogSnapshot expected) {
    isNotNull();
    CatalogSnapshot actual = equivalence.apply(this.actual);
    CatalogSnapshot other = equivalence.apply(expected);
    if (actual.equals(other)) {
      return this;
    }
    List<String> differences = new ArrayList<>();
    SchemaDiff.between(other, actual).changes().stream()
        .map(SchemaChange::summary)
        .forEach(differences::add);
    DataDiff.between(other, actual).changed().stream()
        .map(t -> "data of " + t.table() + ": " + describe(t))
        .forEach(differences::add);
    if (differences.isEmpty()) {
      differences.add("the snapshots differ in what they cover (schemas read, data captured)");
    }
    failWithActualExpectedAndMessage(
        SnapshotJson.write(actual),
        SnapshotJson.write(other),
        "%nExpecting the snapshots to be equivalent"
            + equivalence.described()
            + ", but (expected → actual):%s",
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
