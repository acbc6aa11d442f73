package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Constraint;
import io.github.cofferdam.catalog.CatalogSnapshot.EnumType;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.Index;
import io.github.cofferdam.catalog.CatalogSnapshot.Policy;
import io.github.cofferdam.catalog.CatalogSnapshot.Privilege;
import io.github.cofferdam.catalog.CatalogSnapshot.Sequence;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.Trigger;
import io.github.cofferdam.catalog.CatalogSnapshot.View;
import java.util.stream.Collectors;

/** How a schema diff sees an entry of each kind: the describers of {@link CatalogKinds}. */
final class Describe {

  private Describe() {}

  /** An entry of a table: a constraint, an index, a trigger, a policy. */
  private static Described.Builder inTable(String schema, String table, String kind, String name) {
    String parent = Paths.table(schema, table);
    return new Described.Builder(
        "table " + schema + "." + table + " / " + kind + " " + name,
        kind,
        Described.under(parent, kind, name),
        parent);
  }

  static Described table(Table t, Paths paths) {
    return new Described.Builder(
            "table " + t.qualifiedName(), "table", Paths.table(t.schema(), t.name()), null)
        .with("kind", t.kind())
        .with("partition of", t.partitionOf())
        .with("partition bound", t.partitionBound())
        .with("row-level security", t.rowLevelSecurity() ? "on" : "off")
        .build();
  }

  static Described view(View v, Paths paths) {
    String kind = Paths.viewKind(v);
    return new Described.Builder(
            kind + " " + v.qualifiedName(), kind, Described.key(kind, v.schema(), v.name()), null)
        .with("definition", v.definition())
        .build();
  }

  static Described column(Column c, Paths paths) {
    String[] relation = paths.relation(c.schema(), c.relation());
    return new Described.Builder(
            relation[0] + " / column " + c.name(),
            "column",
            Described.under(relation[1], "column", c.name()),
            relation[1])
        .with("type", c.type())
        .with("nullability", c.nullable() ? "nullable" : "not null")
        .with("default", c.defaultValue())
        .with("identity", c.identity())
        .with("generated", c.generated())
        .added(
            ": "
                + c.type()
                + (c.nullable() ? "" : " not null")
                + (c.defaultValue() == null ? "" : " default " + c.defaultValue()))
        .build();
  }

  static Described constraint(Constraint c, Paths paths) {
    return inTable(c.schema(), c.table(), "constraint", c.name())
        .with("definition", c.definition())
        .with("validated", c.validated() ? "validated" : "not validated")
        .added(": " + c.definition())
        .check(c.type().equals("check") ? c.definition() : null)
        .build();
  }

  static Described index(Index i, Paths paths) {
    return inTable(i.schema(), i.table(), "index", i.name())
        .with("definition", i.definition())
        .with("validity", i.valid() ? "valid" : "invalid")
        .added(": " + i.definition())
        .build();
  }

  static Described function(Function f, Paths paths) {
    return new Described.Builder(f.kind() + " " + f.signature(), f.kind(), Paths.function(f), null)
        .with("result", f.result())
        .with(
            "result columns",
            f.resultColumns().stream()
                .map(r -> r.name() + " " + r.type())
                .collect(Collectors.joining(", ")))
        .with("language", f.language())
        .with("volatility", f.volatility())
        .with("security", f.securityDefiner() ? "definer" : "invoker")
        .with("body", f.bodyHash())
        .build();
  }

  static Described trigger(Trigger t, Paths paths) {
    return inTable(t.schema(), t.table(), "trigger", t.name())
        .with("definition", t.definition())
        .with("enabled", t.enabled())
        .build();
  }

  static Described enumType(EnumType e, Paths paths) {
    return new Described.Builder(
            "enum " + e.qualifiedName(), "enum", Described.key("enum", e.schema(), e.name()), null)
        .with("labels", e.labels())
        .labels(e.labels())
        .build();
  }

  static Described sequence(Sequence q, Paths paths) {
    return new Described.Builder(
            "sequence " + q.qualifiedName(),
            "sequence",
            Described.key("sequence", q.schema(), q.name()),
            null)
        .with("type", q.type())
        .with("start", q.start())
        .with("increment", q.increment())
        .with("min", q.min())
        .with("max", q.max())
        .with("cycle", q.cycle())
        .with("owned by", q.ownedBy())
        .build();
  }

  static Described policy(Policy p, Paths paths) {
    return inTable(p.schema(), p.table(), "policy", p.name())
        .with("mode", p.permissive() ? "permissive" : "restrictive")
        .with("command", p.command())
        .with("roles", p.roles())
        .with("using", p.using())
        .with("with check", p.withCheck())
        .build();
  }

  static Described privilege(Privilege p, Paths paths) {
    String[] owner =
        p.objectType().equals("table") ? paths.relation(p.object()) : paths.function(p.object());
    return new Described.Builder(
            owner[0] + " / privilege " + p.privilege() + " to " + p.grantee(),
            "privilege",
            Described.under(owner[1], "privilege", p.privilege(), p.grantee()),
            owner[1])
        .build();
  }
}
