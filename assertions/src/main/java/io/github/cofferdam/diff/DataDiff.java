package io.github.cofferdam.diff;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.internal.StepDataDiff;
import java.util.List;
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

  /**
   * Compares the data of two snapshots, pairing the entries of a table as the snapshots sort them
   * (by schema, then name: {@link io.github.cofferdam.catalog.QualifiedName}).
   */
  public static DataDiff between(CatalogSnapshot before, CatalogSnapshot after) {
    return StepDataDiff.between(before, after, null);
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
