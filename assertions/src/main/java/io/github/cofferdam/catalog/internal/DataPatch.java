package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotOptions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data of a new catalog from the data of an earlier snapshot: what changed is read again, the
 * rest carried over (the same objects).
 */
final class DataPatch {

  private DataPatch() {}

  /** The order of {@link CatalogSnapshot#data()}: by table, as {@link QualifiedName} orders. */
  static final Comparator<TableData> ORDER =
      (a, b) -> QualifiedName.compare(a.schema(), a.table(), b.schema(), b.table());

  private static int locate(TableData d, QualifiedName name) {
    return QualifiedName.compare(d.schema(), d.table(), name.schema(), name.name());
  }

  private static int locate(Table t, QualifiedName name) {
    return QualifiedName.compare(t.schema(), t.name(), name.schema(), name.name());
  }

  /**
   * The data of {@code tables}: the {@code refresh} ones and those {@code previous} does not know
   * are read again (their layout taken from {@code columns}), the others are taken from {@code
   * previous}. Sorted as a snapshot sorts data.
   */
  static List<TableData> dataOf(
      List<Table> tables,
      CatalogSnapshot previous,
      Connection connection,
      Set<QualifiedName> refresh,
      List<Column> columns) {
    // both lists are sorted by table: one walk through them pairs each table with its data
    BitSet again = new BitSet(tables.size());
    for (QualifiedName name : refresh) {
      int[] at = Ordering.range(tables, t -> locate(t, name));
      again.set(at[0], at[1]);
    }
    List<TableData> before = previous.data();
    List<Table> stale = new ArrayList<>();
    List<TableData> data = new ArrayList<>(before.size() + 1);
    int j = 0;
    for (int i = 0; i < tables.size(); i++) {
      Table t = tables.get(i);
      if (t.kind().equals("partitioned table")) {
        continue;
      }
      QualifiedName name = new QualifiedName(t.schema(), t.name());
      while (j < before.size() && locate(before.get(j), name) < 0) {
        j++;
      }
      boolean known = j < before.size() && locate(before.get(j), name) == 0;
      if (!known || again.get(i)) {
        stale.add(t);
      } else {
        data.add(before.get(j));
      }
    }
    data.addAll(read(connection, columns, stale));
    return data;
  }

  /**
   * As {@link #dataOf}, for a refresh that knows which tables it touched: only the entries of
   * tables in {@code affected} (read again in the catalog: new, altered, renamed, dropped) or in
   * {@code refresh} (written) can be added, removed or read again; every other entry of {@code
   * previous} is carried over without being looked at, so that the cost does not grow with the
   * schema.
   */
  static List<TableData> patched(
      List<Table> tables,
      CatalogSnapshot previous,
      Connection connection,
      Set<QualifiedName> affected,
      Set<QualifiedName> refresh,
      List<Column> columns) {
    List<TableData> data = new ArrayList<>(previous.data());
    List<TableData> back = new ArrayList<>();
    List<Table> stale = new ArrayList<>();
    Set<QualifiedName> names = new HashSet<>(affected);
    names.addAll(refresh);
    for (QualifiedName name : names) {
      int[] was = Ordering.range(data, d -> locate(d, name));
      TableData old = was[1] > was[0] ? data.get(was[0]) : null;
      data.subList(was[0], was[1]).clear();
      for (Table t : Ordering.block(tables, t -> locate(t, name))) {
        if (t.kind().equals("partitioned table")) {
          continue;
        }
        if (old != null && !refresh.contains(name)) {
          back.add(old);
        } else {
          stale.add(t);
        }
      }
    }
    back.addAll(read(connection, columns, stale));
    for (TableData d : back) {
      data.add(Ordering.firstWhere(data, e -> ORDER.compare(e, d) > 0), d);
    }
    return data;
  }

  private static List<TableData> read(
      Connection connection, List<Column> columns, List<Table> stale) {
    if (stale.isEmpty()) {
      return List.of();
    }
    DataReader.Layout layout = DataReader.Layout.of(columns, stale);
    return new DataReader(connection, SnapshotOptions.defaults()).data(stale, layout);
  }
}
