package io.github.cofferdam.diff;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.internal.CatalogKinds;
import io.github.cofferdam.catalog.internal.Described;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The schema differences between two snapshots, sorted by path. A child (column, constraint, index,
 * trigger, policy, privilege) is only listed when its parent exists on both sides: a removed table
 * is one change, not one per column.
 *
 * @param changes every change, sorted by path
 * @since 0.1.0
 */
public record SchemaDiff(List<SchemaChange> changes) {

  /** Copies and sorts the changes. */
  public SchemaDiff {
    List<SchemaChange> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparing(SchemaChange::path));
    changes = List.copyOf(sorted);
  }

  /** The changes from {@code before} to {@code after}. */
  public static SchemaDiff between(CatalogSnapshot before, CatalogSnapshot after) {
    Map<String, Obj> b = objects(before);
    Map<String, Obj> a = objects(after);
    List<SchemaChange> changes = new ArrayList<>();
    for (Obj old : b.values()) {
      Obj now = a.get(old.key);
      if (now == null) {
        if (old.parent == null || a.containsKey(old.parent)) {
          changes.add(new SchemaChange.Removed(old.path, old.kind, "removed"));
        }
      } else {
        modified(old, now).ifPresent(changes::add);
      }
    }
    for (Obj now : a.values()) {
      if (!b.containsKey(now.key) && (now.parent == null || b.containsKey(now.parent))) {
        boolean narrows = now.parent != null && isConstraint(now.kind);
        changes.add(new SchemaChange.Added(now.path, now.kind, "added" + now.addedDetail, narrows));
      }
    }
    return new SchemaDiff(changes);
  }

  private static boolean isConstraint(String kind) {
    return kind.equals("constraint");
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The removed objects. */
  public List<SchemaChange.Removed> removed() {
    return changes.stream()
        .filter(SchemaChange.Removed.class::isInstance)
        .map(SchemaChange.Removed.class::cast)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The added objects. */
  public List<SchemaChange.Added> added() {
    return changes.stream()
        .filter(SchemaChange.Added.class::isInstance)
        .map(SchemaChange.Added.class::cast)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The modified objects. */
  public List<SchemaChange.Modified> modified() {
    return changes.stream()
        .filter(SchemaChange.Modified.class::isInstance)
        .map(SchemaChange.Modified.class::cast)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The changes that make a constraint accept fewer rows. */
  public List<SchemaChange> narrowings() {
    return changes.stream()
        .filter(SchemaChange::narrowsConstraint)
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public String toString() {
    return changes.isEmpty()
        ? "no schema changes"
        : changes.stream().map(SchemaChange::summary).collect(Collectors.joining("\n"));
  }

  // --- the objects of a snapshot, by path ---------------------------------------------------

  /** An object reduced to what is compared: its attributes, in a fixed order. */
  private static final class Obj {
    final String path;
    final String kind;
    final String key;
    final String parent;
    final Map<String, String> attributes;
    final String addedDetail;
    final CheckValues checkValues;
    final List<String> labels;

    Obj(Described d) {
      this.path = d.path();
      this.kind = d.kind();
      this.key = d.key();
      this.parent = d.parent();
      this.attributes = d.attributes();
      this.addedDetail = d.addedDetail();
      this.checkValues = d.check() == null ? null : CheckValues.parse(d.check()).orElse(null);
      this.labels = d.labels();
    }
  }

  /**
   * Every object of {@code s}, kind by kind as {@link CatalogKinds} describes them, by key: two
   * objects that print alike ({@code "a.b".c} and {@code a."b.c"}) are two objects.
   */
  private static Map<String, Obj> objects(CatalogSnapshot s) {
    Map<String, Obj> all = new TreeMap<>();
    for (Described d : CatalogKinds.describeAll(s)) {
      all.put(d.key(), new Obj(d));
    }
    return all;
  }

  private static Optional<SchemaChange> modified(Obj before, Obj after) {
    List<String> parts = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    boolean narrows = false;
    for (Map.Entry<String, String> e : before.attributes.entrySet()) {
      String name = e.getKey();
      String was = e.getValue();
      String now = after.attributes.get(name);
      if (Objects.equals(was, now)) {
        continue;
      }
      switch (name) {
        case "nullability":
          parts.add(was + " → " + now);
          narrows |= "not null".equals(now);
          break;
        case "body":
          parts.add("body changed");
          break;
        case "definition":
          narrows |= definition(before, after, was, now, parts, lost);
          break;
        case "labels":
          if (before.labels != null && after.labels != null) {
            List<String> removed = minus(before.labels, after.labels);
            if (!removed.isEmpty()) {
              removed.forEach(v -> lost.add(CheckValues.quote(v)));
              parts.add("lost labels: " + String.join(", ", lost));
              narrows = true;
            }
          }
          parts.add("labels " + was + " → " + now);
          break;
        default:
          parts.add(
              name + " " + (was == null ? "none" : was) + " → " + (now == null ? "none" : now));
          break;
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SchemaChange.Modified(
            before.path, before.kind, String.join("; ", parts), narrows, lost));
  }

  /**
   * A changed definition, into {@code parts}: for a check constraint on the same column, the values
   * it lost (into {@code lost}) and gained. Returns whether it narrows.
   */
  private static boolean definition(
      Obj before, Obj after, String was, String now, List<String> parts, List<String> lost) {
    if (before.checkValues == null
        || after.checkValues == null
        || !before.checkValues.column().equals(after.checkValues.column())) {
      parts.add("definition " + was + " → " + now);
      return before.kind.equals("constraint");
    }
    List<String> removed = minus(before.checkValues.values(), after.checkValues.values());
    List<String> added = minus(after.checkValues.values(), before.checkValues.values());
    if (!removed.isEmpty()) {
      removed.forEach(v -> lost.add(CheckValues.quote(v)));
      parts.add("CHECK lost values: " + String.join(", ", lost));
    }
    if (!added.isEmpty()) {
      parts.add(
          "CHECK accepts new values: "
              + added.stream().map(CheckValues::quote).collect(Collectors.joining(", ")));
    }
    if (removed.isEmpty() && added.isEmpty()) {
      parts.add("definition " + was + " → " + now);
    }
    return !removed.isEmpty();
  }

  private static List<String> minus(List<String> a, List<String> b) {
    return a.stream().filter(v -> !b.contains(v)).collect(Collectors.toList());
  }
}
