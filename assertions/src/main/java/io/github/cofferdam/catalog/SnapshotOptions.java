package io.github.cofferdam.catalog;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link CatalogSnapshot#capture(java.sql.Connection, SnapshotOptions)} reads.
 *
 * @param schemas the schemas to include; empty for every schema that is not a system schema ({@code
 *     pg_catalog}, {@code information_schema}, {@code pg_toast*}, {@code pg_temp*})
 * @param excludedTables tables (as {@code name} or {@code schema.name}) to leave out entirely, such
 *     as Flyway's history table
 * @param excludedSchemas schemas to leave out even when {@code schemas} is empty
 * @param data whether to count rows and fingerprint data
 * @since 0.1.0
 */
public record SnapshotOptions(
    List<String> schemas, Set<String> excludedTables, Set<String> excludedSchemas, boolean data) {

  /** Copies and sorts. */
  public SnapshotOptions {
    schemas = List.copyOf(new TreeSet<>(schemas));
    excludedTables = Set.copyOf(excludedTables);
    excludedSchemas = Set.copyOf(excludedSchemas);
  }

  /** Every non-system schema, every table, with data. */
  public static SnapshotOptions defaults() {
    return new SnapshotOptions(List.of(), Set.of(), Set.of(), true);
  }

  /** Only these schemas. */
  public SnapshotOptions schemas(String... names) {
    return new SnapshotOptions(List.of(names), excludedTables, excludedSchemas, data);
  }

  /** Without these tables ({@code name} or {@code schema.name}). */
  public SnapshotOptions excludeTables(String... names) {
    Set<String> all = new TreeSet<>(excludedTables);
    all.addAll(List.of(names));
    return new SnapshotOptions(schemas, all, excludedSchemas, data);
  }

  /** Without these schemas (and everything in them). */
  public SnapshotOptions excludeSchemas(String... names) {
    Set<String> all = new TreeSet<>(excludedSchemas);
    all.addAll(List.of(names));
    return new SnapshotOptions(schemas, excludedTables, all, data);
  }

  /** Without row counts and fingerprints: the catalog only. */
  public SnapshotOptions withoutData() {
    return new SnapshotOptions(schemas, excludedTables, excludedSchemas, false);
  }

  /** Whether {@code table} is left out (named by {@code name} or {@code schema.name}). */
  public boolean excludes(QualifiedName table) {
    return excludedTables.contains(table.name()) || excludedTables.contains(table.toString());
  }
}
