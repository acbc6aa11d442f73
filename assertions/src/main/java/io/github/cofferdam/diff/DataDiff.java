package io.github.cofferdam.diff;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The data differences between two snapshots, per table: row counts and which columns' fingerprints
 * changed. Both snapshots must have been captured with data.
 *
 * @param tables one entry per table present in either snapshot's data, sorted by name
 * @since 0.1.0
 */
public record DataDiff(List<TableDataChange> tables) {

  /** Copies the entries. */
  public DataDiff {
    tables = List.copyOf(tables);
  }

  /** Compares the data of two snapshots. */
  public static DataDiff between(CatalogSnapshot before, CatalogSnapshot after) {
    // both lists are sorted by qualified name: merge them; an entry carried over unchanged from
    // one snapshot to the next is the same object, and needs no comparison
    List<TableData> b = before.data();
    List<TableData> a = after.data();
    List<TableDataChange> result = new ArrayList<>(Math.max(a.size(), b.size()));
    int i = 0;
    int j = 0;
    while (i < b.size() || j < a.size()) {
      if (i < b.size() && j < a.size() && b.get(i) == a.get(j)) {
        result.add(change(b.get(i++), a.get(j++))); // carried over: the same table, unchanged
        continue;
      }
      int order =
          i == b.size()
              ? 1
              : j == a.size() ? -1 : b.get(i).qualifiedName().compareTo(a.get(j).qualifiedName());
      if (order < 0) {
        result.add(change(b.get(i++), null));
      } else if (order > 0) {
        result.add(change(null, a.get(j++)));
      } else {
        result.add(change(b.get(i++), a.get(j++)));
      }
    }
    return new DataDiff(result);
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

  /** The entry of a table, by {@code name} or {@code schema.name}. */
  public Optional<TableDataChange> table(String name) {
    List<TableDataChange> matches =
        tables.stream()
            .filter(
                t ->
                    t.table().equals(name) || t.table().endsWith("." + name) && !name.contains("."))
            .collect(Collectors.toList());
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  /** The tables whose data differs. */
  public List<TableDataChange> changed() {
    return tables.stream()
        .filter(TableDataChange::changed)
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public String toString() {
    List<TableDataChange> changed = changed();
    return changed.isEmpty()
        ? "no data changes"
        : changed.stream()
            .map(t -> t.table() + ": " + t.description())
            .collect(Collectors.joining("\n"));
  }
}
