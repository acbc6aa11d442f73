package io.github.cofferdam.catalog.internal;

import java.util.Arrays;
import java.util.Set;

/**
 * Which objects a partial read covers, by OID.
 *
 * @param relations tables, views and sequences
 * @param functions functions and procedures
 * @param enums enum types
 * @param kinds what every relation is, or {@code null} when not known
 * @param functionPrivileges whether a function among {@code functions} may have privileges granted
 */
record Scope(
    Set<Long> relations,
    Set<Long> functions,
    Set<Long> enums,
    Set<TrackedSnapshot.Kind> kinds,
    boolean functionPrivileges) {

  /** The OIDs a query of {@code space} reads; {@code null} for a whole read. */
  Set<Long> oids(CatalogKind.Space space) {
    switch (space) {
      case RELATIONS:
        return relations;
      case FUNCTIONS:
        return functions;
      case ENUMS:
        return enums;
      default:
        return Set.of();
    }
  }

  /** Whether a relation of one of these {@code pg_class.relkind}s may be among the relations. */
  boolean mayHave(String... relkinds) {
    return kinds == null
        || kinds.stream().anyMatch(k -> Arrays.asList(relkinds).contains(k.relkind()));
  }

  /** Whether a relation among {@code relations} may have a trigger. */
  boolean mayHaveTriggers() {
    return kinds == null || kinds.stream().anyMatch(TrackedSnapshot.Kind::triggers);
  }

  /** Whether a relation among {@code relations} may have a policy. */
  boolean mayHavePolicies() {
    return kinds == null || kinds.stream().anyMatch(TrackedSnapshot.Kind::policies);
  }

  /** Whether a relation among {@code relations} may have privileges granted. */
  boolean mayHavePrivileges() {
    return kinds == null || kinds.stream().anyMatch(TrackedSnapshot.Kind::privileges);
  }
}
