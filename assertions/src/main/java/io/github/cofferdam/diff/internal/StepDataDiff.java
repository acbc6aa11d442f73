package io.github.cofferdam.diff.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.TableDataChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link DataDiff}s of a sequence of snapshots, one step after another: the entries of tables that
 * changed in neither step are shared between consecutive diffs.
 */
public final class StepDataDiff {

  private StepDataDiff() {}

  /** The order of a snapshot's data, which both sides follow: by table. */
  private static final Comparator<TableData> ORDER =
      (x, y) -> QualifiedName.compare(x.schema(), x.table(), y.schema(), y.table());

  /**
   * Compares the data of two snapshots, one step of a sequence: {@code previous} compared the
   * snapshot before {@code before} with it. The entry of a table that changed in neither step is
   * taken from {@code previous} (an equal entry, the same object) instead of being made again, so a
   * sequence of diffs keeps one entry per unchanged table, not one per table and step.
   *
   * @param previous the diff that ended at {@code before}, or {@code null}
   */
  public static DataDiff between(CatalogSnapshot before, CatalogSnapshot after, DataDiff previous) {
    // both lists are sorted by table (schema, then name): merge them; an entry carried over
    // unchanged from
    // one snapshot to the next is the same object, and needs no comparison
    List<TableData> b = before.data();
    List<TableData> a = after.data();
    // the entries of previous whose table exists at its end come in the order of b
    List<TableDataChange> p = previous == null ? List.of() : previous.tables();
    int k = present(p, 0);
    List<TableDataChange> result = new ArrayList<>(Math.max(a.size(), b.size()));
    int i = 0;
    int j = 0;
    while (i < b.size() || j < a.size()) {
      if (i < b.size() && j < a.size() && b.get(i) == a.get(j)) {
        TableData same = b.get(i++); // carried over: the same table, unchanged
        j++;
        TableDataChange earlier = k < p.size() ? p.get(k) : null;
        result.add(unchanged(earlier, same) ? earlier : change(same, same));
        k = present(p, k + 1);
        continue;
      }
      int order = i == b.size() ? 1 : j == a.size() ? -1 : ORDER.compare(b.get(i), a.get(j));
      if (order < 0) {
        result.add(change(b.get(i++), null));
        k = present(p, k + 1);
      } else if (order > 0) {
        result.add(change(null, a.get(j++)));
      } else {
        result.add(change(b.get(i++), a.get(j++)));
        k = present(p, k + 1);
      }
    }
    return new DataDiff(result);
  }

  /** The first entry from {@code from} on whose table exists after its step. */
  private static int present(List<TableDataChange> entries, int from) {
    int k = from;
    while (k < entries.size() && entries.get(k).rowsAfter() == null) {
      k++;
    }
    return k;
  }

  /** Whether {@code entry} is what {@code change(data, data)} would make: no change, same table. */
  private static boolean unchanged(TableDataChange entry, TableData data) {
    if (entry == null
        || entry.rowsBefore() == null
        || entry.rowsAfter() == null
        || entry.rowsBefore() != data.rowCount()
        || entry.rowsAfter() != data.rowCount()
        || entry.fingerprintChanged()
        || !entry.changedColumns().isEmpty()) {
      return false;
    }
    String name = entry.table();
    String schema = data.schema();
    String table = data.table();
    return name.length() == schema.length() + 1 + table.length()
        && name.startsWith(schema)
        && name.charAt(schema.length()) == '.'
        && name.endsWith(table);
  }

  private static TableDataChange change(TableData old, TableData now) {
    String name = (old != null ? old : now).qualifiedName();
    List<String> columns = new ArrayList<>();
    if (old != null && now != null && old != now) {
      for (Map.Entry<String, String> e : old.columnFingerprints().entrySet()) {
        if (now.columnFingerprints().containsKey(e.getKey())
            && !Objects.equals(e.getValue(), now.columnFingerprints().get(e.getKey()))) {
          columns.add(e.getKey());
        }
      }
    }
    return new TableDataChange(
        name,
        old == null ? null : old.rowCount(),
        now == null ? null : now.rowCount(),
        columns,
        old != null && now != null && !Objects.equals(old.fingerprint(), now.fingerprint()));
  }
}
