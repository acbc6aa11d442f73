package io.github.cofferdam.assertj;

import io.github.cofferdam.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What {@link SnapshotAssert#isEquivalentTo} leaves out of both snapshots before comparing them.
 *
 * @param grantees roles whose privileges are not compared
 * @param schemas schemas whose objects are not compared
 * @param data whether row counts and fingerprints are compared
 */
record Equivalence(Set<String> grantees, Set<String> schemas, boolean data) {

  static final Equivalence STRICT = new Equivalence(Set.of(), Set.of(), true);

  /** Copies and sorts. */
  Equivalence {
    grantees = Set.copyOf(new TreeSet<>(grantees));
    schemas = Set.copyOf(new TreeSet<>(schemas));
  }

  Equivalence ignoringGrantsTo(String... roles) {
    return new Equivalence(union(grantees, roles), schemas, data);
  }

  Equivalence ignoringSchemas(String... names) {
    return new Equivalence(grantees, union(schemas, names), data);
  }

  Equivalence ignoringData() {
    return new Equivalence(grantees, schemas, false);
  }

  private static Set<String> union(Set<String> a, String... b) {
    Set<String> all = new TreeSet<>(a);
    for (String s : b) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException("a role or schema name must not be blank");
      }
      all.add(s.trim());
    }
    return all;
  }

  /** What is left out, for the failure message: {@code " (ignoring grants to rds_superuser)"}. */
  String described() {
    List<String> parts = new ArrayList<>();
    if (!grantees.isEmpty()) {
      parts.add("grants to " + String.join(", ", new TreeSet<>(grantees)));
    }
    if (!schemas.isEmpty()) {
      parts.add(
          (schemas.size() == 1 ? "schema " : "schemas ")
              + String.join(", ", new TreeSet<>(schemas)));
    }
    if (!data) {
      parts.add("data");
    }
    return parts.isEmpty() ? "" : " (ignoring " + String.join("; ", parts) + ")";
  }

  /** The snapshot without what is ignored. */
  CatalogSnapshot apply(CatalogSnapshot s) {
    if (equals(STRICT)) {
      return s;
    }
    return new CatalogSnapshot(
        keep(s.schemas(), name -> name),
        keep(s.tables(), CatalogSnapshot.Table::schema),
        keep(s.columns(), CatalogSnapshot.Column::schema),
        keep(s.constraints(), CatalogSnapshot.Constraint::schema),
        keep(s.indexes(), CatalogSnapshot.Index::schema),
        keep(s.views(), CatalogSnapshot.View::schema),
        keep(s.functions(), CatalogSnapshot.Function::schema),
        keep(s.triggers(), CatalogSnapshot.Trigger::schema),
        keep(s.enums(), CatalogSnapshot.EnumType::schema),
        keep(s.sequences(), CatalogSnapshot.Sequence::schema),
        keep(s.extensions(), CatalogSnapshot.Extension::schema),
        keep(s.policies(), CatalogSnapshot.Policy::schema),
        s.privileges().stream()
            .filter(p -> !grantees.contains(p.grantee()))
            .filter(p -> schemas.stream().noneMatch(n -> p.object().startsWith(n + ".")))
            .collect(Collectors.toList()),
        data ? keep(s.data(), CatalogSnapshot.TableData::schema) : List.of());
  }

  private <T> List<T> keep(List<T> items, Function<T, String> schema) {
    Predicate<T> kept = t -> !schemas.contains(schema.apply(t));
    return items.stream().filter(kept).collect(Collectors.toList());
  }
}
