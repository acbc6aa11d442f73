package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.Rule;
import java.util.List;
import java.util.Optional;

/**
 * The object-lost rule: an object present before a migration is gone after it, and no statement of
 * the migration dropped it on purpose.
 */
final class ObjectLost {

  private ObjectLost() {}

  static void check(
      Checks checks,
      SchemaDiff schema,
      List<Dropped> dropped,
      boolean watching,
      Repeatables repeatables) {
    List<SchemaChange.Removed> removed = schema.removed();
    for (SchemaChange.Removed r : removed) {
      if (watching && !lost(r, removed, dropped)) {
        continue;
      }
      Optional<String> again = repeatables.recreating(r.path());
      if (again.isPresent()) {
        checks.add(
            new Finding(
                Rule.OBJECT_LOST,
                Finding.Severity.WARNING,
                checks.script(),
                r.path(),
                r.path()
                    + " is gone after "
                    + checks.label()
                    + "; "
                    + again.get()
                    + " creates it again after the versioned migrations, where Flyway runs it"
                    + " only if its checksum changed",
                "Change "
                    + again.get()
                    + " in the same release (its new checksum makes Flyway"
                    + " run it), or recreate the object in "
                    + checks.script()
                    + ".",
                Optional.empty()));
        continue;
      }
      Finding f =
          new Finding(
              Rule.OBJECT_LOST,
              watching ? Finding.Severity.ERROR : Finding.Severity.WARNING,
              checks.script(),
              r.path(),
              r.path()
                  + " is gone after "
                  + checks.label()
                  + (watching
                      ? ", but no statement of "
                          + checks.label()
                          + " dropped it: it was taken along (DROP … CASCADE, or a table dropped"
                          + " and recreated)"
                      : "; Cofferdam cannot tell whether a statement dropped it on purpose (it"
                          + " watches DROP statements only as a superuser), so this is a warning"),
              "Recreate it in the same migration, or drop it explicitly if it should go (DROP VIEW"
                  + " …, DROP TRIGGER … ON …, REVOKE …).",
              Optional.empty());
      checks.add(f);
    }
  }

  /**
   * Whether a removed object was lost rather than dropped on purpose, from how PostgreSQL reached
   * it ({@code pg_event_trigger_dropped_objects()}):
   *
   * <ul>
   *   <li>a statement named it ({@code original}): dropped on purpose;
   *   <li>reached through a normal dependency ({@code normal}: {@code DROP … CASCADE} took a view,
   *       a foreign key of another table): lost;
   *   <li>reached through an automatic or internal dependency only (the index of a dropped
   *       constraint or column, the trigger of a dropped table, the sequence a table owned): it
   *       went with its owner, which is fine while the owner is gone too; lost if no object a
   *       statement dropped on its table (or, for an object outside a table, at all) is still gone:
   *       the owner stands again without it (a column dropped and added again without its index, a
   *       table dropped and recreated without its trigger);
   *   <li>not dropped at all: it is there under another name ({@code ALTER … RENAME}, {@code SET
   *       SCHEMA}), which a statement named. Privileges go without a drop ({@code REVOKE}, a new
   *       owner, a recreated table): they are lost unless a statement named them.
   * </ul>
   */
  static boolean lost(
      SchemaChange.Removed r, List<SchemaChange.Removed> removed, List<Dropped> dropped) {
    boolean reached = false;
    boolean cascaded = false;
    for (Dropped d : dropped) {
      if (identifies(d, r.path())) {
        if (d.original()) {
          return false;
        }
        reached = true;
        cascaded |= d.normal();
      }
    }
    if (!reached) {
      return r.kind().equals("privilege");
    }
    return cascaded || !ownerGone(r, removed, dropped);
  }

  /**
   * Whether an object a statement dropped is still gone on the table of {@code r} (or anywhere, for
   * an object outside a table): what took {@code r} along.
   */
  private static boolean ownerGone(
      SchemaChange.Removed r, List<SchemaChange.Removed> removed, List<Dropped> dropped) {
    int slash = r.path().indexOf(" / ");
    String table = slash < 0 ? null : r.path().substring(0, slash);
    for (SchemaChange.Removed other : removed) {
      if (other == r || !namedByStatement(other, dropped)) {
        continue;
      }
      if (table == null || other.path().equals(table) || other.path().startsWith(table + " / ")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a DROP statement named the object. */
  private static boolean namedByStatement(SchemaChange.Removed r, List<Dropped> dropped) {
    for (Dropped d : dropped) {
      if (d.original() && identifies(d, r.path())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an event-trigger identity denotes a snapshot path: {@code public.orders} for {@code
   * table public.orders}, {@code t on public.orders} for {@code table public.orders / trigger t},
   * {@code public.orders.status} for a column, {@code public.f(integer)} for {@code function
   * public.f(p integer)}.
   */
  static boolean identifies(Dropped d, String path) {
    // PostgreSQL quotes the names that need it ("a.b".c.w); paths print them as they are
    String identity = unquoted(d.identity());
    String[] parts = path.split(" / ");
    String owner = parts[0].substring(parts[0].indexOf(' ') + 1);
    if (parts.length == 1) {
      if (parts[0].startsWith("function ") || parts[0].startsWith("procedure ")) {
        String name = owner.substring(0, owner.indexOf('('));
        return identity.startsWith(name + "(");
      }
      return identity.equals(owner);
    }
    String child = parts[1];
    String kind = child.substring(0, child.indexOf(' '));
    String name = child.substring(child.indexOf(' ') + 1);
    switch (kind) {
      case "column":
        return identity.equals(owner + "." + name);
      case "index":
        return identity.equals(owner.substring(0, owner.indexOf('.') + 1) + name);
      case "constraint":
      case "trigger":
      case "policy":
        return identity.equals(name + " on " + owner);
      default:
        return false;
    }
  }

  /**
   * An identity without the double quotes around its names ({@code ""} inside one is {@code "}).
   */
  static String unquoted(String identity) {
    if (identity.indexOf('"') < 0) {
      return identity;
    }
    StringBuilder out = new StringBuilder(identity.length());
    for (int i = 0; i < identity.length(); i++) {
      char ch = identity.charAt(i);
      if (ch != '"') {
        out.append(ch);
      } else if (i + 1 < identity.length() && identity.charAt(i + 1) == '"') {
        out.append('"');
        i++;
      }
    }
    return out.toString();
  }
}
