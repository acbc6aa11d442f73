package io.github.cofferdam.assertj;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import java.sql.Connection;
import org.assertj.core.util.CheckReturnValue;

/**
 * The entry point of Cofferdam's assertions. Static-import {@code assertThat} beside AssertJ's own:
 *
 * <pre>{@code
 * assertThat(snapshot).table("orders").column("status").hasType("text").isNotNull();
 * assertThat(snapshot).function("create_order_with_audit").returnsColumnsOf("orders");
 * assertThat(SchemaDiff.between(before, after)).hasNoRemovedObjects().noConstraintNarrowed();
 * assertThat(DataDiff.between(before, after)).preservesRowCounts();
 * assertThat(connection).table("ads").column("slug").hasNoNulls().allMatch("^[a-z0-9-]+$");
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public class CofferdamAssertions {

  /** Not instantiable; subclassed only to add entry points ({@code MigrationAssertions}). */
  protected CofferdamAssertions() {}

  /** Assertions on a catalog snapshot. */
  public static SnapshotAssert assertThat(CatalogSnapshot actual) {
    return new SnapshotAssert(actual);
  }

  /** Assertions on schema changes. */
  public static SchemaDiffAssert assertThat(SchemaDiff actual) {
    return new SchemaDiffAssert(actual);
  }

  /** Assertions on data changes. */
  public static DataDiffAssert assertThat(DataDiff actual) {
    return new DataDiffAssert(actual);
  }

  /** Data-integrity assertions on the live data behind a connection. */
  public static DatabaseAssert assertThat(Connection actual) {
    return new DatabaseAssert(actual);
  }
}
