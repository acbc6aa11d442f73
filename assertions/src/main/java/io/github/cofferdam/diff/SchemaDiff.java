package io.github.cofferdam.diff;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Constraint;
import io.github.cofferdam.catalog.CatalogSnapshot.EnumType;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
      Obj now = a.get(old.path);
      if (now == null) {
        if (old.parent == null || a.containsKey(old.parent)) {
          changes.add(new SchemaChange.Removed(old.path, old.kind, "removed"));
        }
      } else {
        modified(old, now).ifPresent(changes::add);
      }
    }
    for (Obj now : a.values()) {
      if (!b.containsKey(now.path) && (now.parent == null || b.containsKey(now.parent))) {
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
    final String parent;
    final Map<String, String> attributes = new LinkedHashMap<>();
    String addedDetail = "";
    CheckValues checkValues;
    List<String> labels;

    Obj(String path, String kind, String parent) {
      this.path = path;
      this.kind = kind;
      this.parent = parent;
    }

    Obj with(String name, Object value) {
      attributes.put(name, value == null ? null : value.toString());
      return this;
    }
  }

  private static Map<String, Obj> objects(CatalogSnapshot s) {
    Map<String, Obj> all = new TreeMap<>();
    for (String schema : s.schemas()) {
      put(all, new Obj("schema " + schema, "schema", null));
    }
    for (CatalogSnapshot.Table t : s.tables()) {
      put(
          all,
          new Obj("table " + t.qualifiedName(), "table", null)
              .with("kind", t.kind())
              .with("partition of", t.partitionOf())
              .with("partition bound", t.partitionBound())
              .with("row-level security", t.rowLevelSecurity() ? "on" : "off"));
    }
    Set<String> viewNames = s.views().stream().map(View::qualifiedName).collect(Collectors.toSet());
    for (View v : s.views()) {
      put(
          all,
          new Obj(viewPath(v), v.materialized() ? "materialized view" : "view", null)
              .with("definition", v.definition()));
    }
    Map<String, String> relationPaths = new TreeMap<>();
    s.tables().forEach(t -> relationPaths.put(t.qualifiedName(), "table " + t.qualifiedName()));
    s.views().forEach(v -> relationPaths.put(v.qualifiedName(), viewPath(v)));
    for (Column c : s.columns()) {
      String relation =
          relationPaths.getOrDefault(
              c.schema() + "." + c.relation(),
              (viewNames.contains(c.schema() + "." + c.relation()) ? "view " : "table ")
                  + c.schema()
                  + "."
                  + c.relation());
      Obj o =
          new Obj(relation + " / column " + c.name(), "column", relation)
              .with("type", c.type())
              .with("nullability", c.nullable() ? "nullable" : "not null")
              .with("default", c.defaultValue())
              .with("identity", c.identity())
              .with("generated", c.generated());
      o.addedDetail =
          ": "
              + c.type()
              + (c.nullable() ? "" : " not null")
              + (c.defaultValue() == null ? "" : " default " + c.defaultValue());
      put(all, o);
    }
    for (Constraint c : s.constraints()) {
      String table = "table " + c.schema() + "." + c.table();
      Obj o =
          new Obj(table + " / constraint " + c.name(), "constraint", table)
              .with("definition", c.definition())
              .with("validated", c.validated() ? "validated" : "not validated");
      o.addedDetail = ": " + c.definition();
      if (c.type().equals("check")) {
        o.checkValues = CheckValues.parse(c.definition()).orElse(null);
      }
      put(all, o);
    }
    for (CatalogSnapshot.Index i : s.indexes()) {
      String table = "table " + i.schema() + "." + i.table();
      Obj o =
          new Obj(table + " / index " + i.name(), "index", table)
              .with("definition", i.definition())
              .with("validity", i.valid() ? "valid" : "invalid");
      o.addedDetail = ": " + i.definition();
      put(all, o);
    }
    for (Function f : s.functions()) {
      put(
          all,
          new Obj(f.kind() + " " + f.signature(), f.kind(), null)
              .with("result", f.result())
              .with(
                  "result columns",
                  f.resultColumns().stream()
                      .map(r -> r.name() + " " + r.type())
                      .collect(Collectors.joining(", ")))
              .with("language", f.language())
              .with("volatility", f.volatility())
              .with("security", f.securityDefiner() ? "definer" : "invoker")
              .with("body", f.bodyHash()));
    }
    for (CatalogSnapshot.Trigger t : s.triggers()) {
      String table = "table " + t.schema() + "." + t.table();
      put(
          all,
          new Obj(table + " / trigger " + t.name(), "trigger", table)
              .with("definition", t.definition())
              .with("enabled", t.enabled()));
    }
    for (EnumType e : s.enums()) {
      Obj o = new Obj("enum " + e.qualifiedName(), "enum", null).with("labels", e.labels());
      o.labels = e.labels();
      put(all, o);
    }
    for (CatalogSnapshot.Sequence q : s.sequences()) {
      put(
          all,
          new Obj("sequence " + q.qualifiedName(), "sequence", null)
              .with("type", q.type())
              .with("start", q.start())
              .with("increment", q.increment())
              .with("min", q.min())
              .with("max", q.max())
              .with("cycle", q.cycle())
              .with("owned by", q.ownedBy()));
    }
    for (CatalogSnapshot.Extension e : s.extensions()) {
      put(
          all,
          new Obj("extension " + e.name(), "extension", null)
              .with("version", e.version())
              .with("schema", e.schema()));
    }
    for (CatalogSnapshot.Policy p : s.policies()) {
      String table = "table " + p.schema() + "." + p.table();
      put(
          all,
          new Obj(table + " / policy " + p.name(), "policy", table)
              .with("mode", p.permissive() ? "permissive" : "restrictive")
              .with("command", p.command())
              .with("roles", p.roles())
              .with("using", p.using())
              .with("with check", p.withCheck()));
    }
    for (CatalogSnapshot.Privilege p : s.privileges()) {
      String owner;
      if (p.objectType().equals("table")) {
        owner = relationPaths.getOrDefault(p.object(), "table " + p.object());
      } else {
        owner =
            s.functions().stream()
                .filter(f -> f.signature().equals(p.object()))
                .map(f -> f.kind() + " " + f.signature())
                .findFirst()
                .orElse("function " + p.object());
      }
      put(
          all,
          new Obj(
              owner + " / privilege " + p.privilege() + " to " + p.grantee(), "privilege", owner));
    }
    return all;
  }

  private static String viewPath(View v) {
    return (v.materialized() ? "materialized view " : "view ") + v.qualifiedName();
  }

  private static void put(Map<String, Obj> all, Obj o) {
    all.put(o.path, o);
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
          if (before.checkValues != null
              && after.checkValues != null
              && before.checkValues.column().equals(after.checkValues.column())) {
            List<String> removed = minus(before.checkValues.values(), after.checkValues.values());
            List<String> added = minus(after.checkValues.values(), before.checkValues.values());
            if (!removed.isEmpty()) {
              removed.forEach(v -> lost.add(CheckValues.quote(v)));
              parts.add("CHECK lost values: " + String.join(", ", lost));
              narrows = true;
            }
            if (!added.isEmpty()) {
              parts.add(
                  "CHECK accepts new values: "
                      + added.stream().map(CheckValues::quote).collect(Collectors.joining(", ")));
            }
            if (removed.isEmpty() && added.isEmpty()) {
              parts.add("definition " + was + " → " + now);
            }
          } else {
            parts.add("definition " + was + " → " + now);
            narrows |= before.kind.equals("constraint");
          }
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

  private static List<String> minus(List<String> a, List<String> b) {
    return a.stream().filter(v -> !b.contains(v)).collect(Collectors.toList());
  }
}
