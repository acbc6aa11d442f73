package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a capture must read again, gathered from the rows of the change query: each changed or
 * dropped object placed on the relation, function or type the catalog reader reads again, or, where
 * it cannot be placed, the whole catalog.
 */
final class ChangeSet {

  private final Set<Long> relations = new HashSet<>();
  private final Map<Long, TrackedSnapshot.Kind> kinds = new HashMap<>();
  private final Map<Long, Boolean> functionPrivileges = new HashMap<>();
  private final Set<Long> direct = new HashSet<>();
  private final Set<QualifiedName> relationNames = new HashSet<>();
  private final Set<Long> functions = new HashSet<>();
  private final Set<Long> enums = new HashSet<>();
  private boolean everything;

  /** A set that reads the whole catalog from the start (DDL is not watched). */
  ChangeSet(boolean everything) {
    this.everything = everything;
  }

  /** The catalog is read whole (a setting that changes how definitions print changed). */
  void everything() {
    everything = true;
  }

  /** Places a changed object. */
  void add(ChangeQuery.Changed row) {
    if (row.catalog() == null) {
      everything = true; // GRANT, REVOKE, ALTER DEFAULT PRIVILEGES: no object named
      return;
    }
    switch (row.catalog()) {
      case "pg_namespace":
      case "pg_extension":
        everything = true;
        return;
      case "pg_proc":
        if (!row.same()) { // the replay put back the very same function
          functions.add(row.oid());
          if (row.functionAcl() != null) {
            functionPrivileges.put(row.oid(), row.functionAcl());
          }
        }
        return;
      default:
        if (row.relation() != null) {
          long relation = row.relation();
          relations.add(relation);
          if (row.relkind() != null) {
            kinds.put(
                relation,
                new TrackedSnapshot.Kind(row.relkind(), row.triggers(), row.policies(), row.acl()));
          }
          if (row.direct()) {
            direct.add(relation);
          }
        }
        if (row.isEnum()) {
          enums.add(row.oid());
        }
    }
  }

  /** Places a dropped object; indexes are found on their table in {@code previous}. */
  void add(Dropped d, List<String> address, TrackedSnapshot previous) {
    switch (d.type()) {
      case "table":
      case "view":
      case "materialized view":
      case "sequence":
      case "foreign table":
        relations.add(d.oid());
        direct.add(d.oid());
        return;
      case "index":
        if (address.size() >= 2) {
          previous.snapshot().indexes().stream()
              .filter(i -> i.schema().equals(address.get(0)) && i.name().equals(address.get(1)))
              .forEach(i -> relationNames.add(new QualifiedName(i.schema(), i.table())));
        }
        return;
      case "table constraint":
      case "trigger":
      case "policy":
      case "default value":
      case "table column":
      case "rule":
        if (address.size() >= 2) {
          relationNames.add(new QualifiedName(address.get(0), address.get(1)));
        } else {
          everything = true;
        }
        return;
      case "function":
      case "procedure":
      case "aggregate":
        functions.add(d.oid());
        return;
      case "type":
        enums.add(d.oid());
        return;
      case "toast table":
      case "domain constraint":
        return;
      default:
        everything = true;
    }
  }

  /** What to read again, with the data of {@code written}. */
  TrackedSnapshot.Changes changes(Set<QualifiedName> written) {
    return new TrackedSnapshot.Changes(
        relations,
        relationNames,
        functions,
        enums,
        direct,
        written,
        everything,
        kinds,
        functionPrivileges);
  }
}
