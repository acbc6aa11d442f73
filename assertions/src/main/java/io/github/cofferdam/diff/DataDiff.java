package io.github.cofferdam.diff;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
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
    Map<String, TableData> b = byName(before);
    Map<String, TableData> a = byName(after);
    List<TableDataChange> result = new ArrayList<>();
    for (String name : new TreeSet<>(union(b, a))) {
      TableData old = b.get(name);
      TableData now = a.get(name);
      List<String> columns = new ArrayList<>();
      if (old != null && now != null) {
        for (Map.Entry<String, String> e : old.columnFingerprints().entrySet()) {
          if (now.columnFingerprints().containsKey(e.getKey())
              && !Objects.equals(e.getValue(), now.columnFingerprints().get(e.getKey()))) {
            columns.add(e.getKey());
          }
        }
      }
      result.add(
          new TableDataChange(
              name,
              old == null ? null : old.rowCount(),
              now == null ? null : now.rowCount(),
              columns,
              old != null && now != null && !Objects.equals(old.fingerprint(), now.fingerprint())));
    }
    return new DataDiff(result);
  }

  private static Map<String, TableData> byName(CatalogSnapshot s) {
    Map<String, TableData> m = new TreeMap<>();
    s.data().forEach(d -> m.put(d.qualifiedName(), d));
    return m;
  }

  private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    java.util.Set<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
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
