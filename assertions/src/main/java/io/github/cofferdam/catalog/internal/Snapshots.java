package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.catalog.QualifiedName;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

/** What {@link CatalogSnapshot} asks of the internals: making, sorting, looking up. */
public final class Snapshots {

  private Snapshots() {}

  /** The lists of a snapshot under construction, kind by kind. */
  @FunctionalInterface
  interface Lists {
    List<?> of(CatalogKind<?> kind);
  }

  /** The one place a snapshot is made from its lists (each sorted by its kind, if not yet). */
  static CatalogSnapshot of(Lists lists, List<TableData> data) {
    return new CatalogSnapshot(
        cast(lists.of(CatalogKinds.SCHEMAS)),
        cast(lists.of(CatalogKinds.TABLES)),
        cast(lists.of(CatalogKinds.COLUMNS)),
        cast(lists.of(CatalogKinds.CONSTRAINTS)),
        cast(lists.of(CatalogKinds.INDEXES)),
        cast(lists.of(CatalogKinds.VIEWS)),
        cast(lists.of(CatalogKinds.FUNCTIONS)),
        cast(lists.of(CatalogKinds.TRIGGERS)),
        cast(lists.of(CatalogKinds.ENUMS)),
        cast(lists.of(CatalogKinds.SEQUENCES)),
        cast(lists.of(CatalogKinds.EXTENSIONS)),
        cast(lists.of(CatalogKinds.POLICIES)),
        cast(lists.of(CatalogKinds.PRIVILEGES)),
        data);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(List<?> list) {
    return (List<T>) list;
  }

  /**
   * {@code snapshot}'s catalog with {@code data}: the sorted lists are shared, not sorted again.
   */
  public static CatalogSnapshot withData(CatalogSnapshot snapshot, List<TableData> data) {
    return of(kind -> kind.of(snapshot), data);
  }

  /** {@code data} in the order of {@link CatalogSnapshot#data()}. */
  public static List<TableData> sortedData(List<TableData> data) {
    return Ordering.sorted(data, DataPatch.ORDER);
  }

  /** The columns of a table or view, in order, by binary search. */
  public static List<Column> columnsOf(CatalogSnapshot snapshot, String schema, String relation) {
    return Ordering.block(
        snapshot.columns(), c -> QualifiedName.compare(c.schema(), c.relation(), schema, relation));
  }

  /** See {@link CatalogSnapshot#withDataFrom}. */
  public static CatalogSnapshot withDataFrom(
      CatalogSnapshot snapshot,
      CatalogSnapshot previous,
      Connection connection,
      Set<QualifiedName> refresh) {
    return withData(
        snapshot,
        DataPatch.dataOf(snapshot.tables(), previous, connection, refresh, snapshot.columns()));
  }
}
