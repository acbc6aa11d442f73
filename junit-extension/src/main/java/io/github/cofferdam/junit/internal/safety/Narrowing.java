package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The constraint-narrowed rule: a CHECK or an enum accepts fewer values than before, or a new NOT
 * VALID CHECK already rejects existing rows.
 */
final class Narrowing {

  private Narrowing() {}

  static void check(
      Checks checks,
      SchemaDiff schema,
      CatalogSnapshot after,
      Probes probes,
      Optional<String> text) {
    for (SchemaChange.Modified m : schema.modified()) {
      List<String> lost = notRenamed(m, text);
      if (lost.isEmpty()) {
        continue;
      }
      String[] parts = m.path().split(" / ");
      String what =
          m.kind().equals("enum")
              ? "enum " + parts[0].substring(parts[0].indexOf(' ') + 1)
              : "CHECK "
                  + parts[parts.length - 1].substring(parts[parts.length - 1].indexOf(' ') + 1)
                  + " on "
                  + parts[0];
      checks.add(
          Rule.CONSTRAINT_NARROWED,
          m.path(),
          what
              + " no longer accepts "
              + String.join(", ", lost)
              + " (accepted before "
              + checks.label()
              + "); whatever still writes "
              + (lost.size() == 1 ? "it" : "them")
              + " (a trigger, a function, the application) now fails with SQLSTATE "
              + (m.kind().equals("enum") ? "22P02 (invalid input value for enum)" : "23514"),
          (m.kind().equals("enum")
                  ? "Keep every label: add new ones with ALTER TYPE … ADD VALUE instead of"
                      + " recreating the type"
                  : "Keep every value the old constraint accepted when you add one (copy the list"
                      + " from the previous definition)")
              + ", or say why it may go: -- cofferdam:allow constraint-narrowed "
              + parts[parts.length - 1].substring(parts[parts.length - 1].indexOf(' ') + 1)
              + " \"<reason>\"");
    }
    notValid(checks, schema, probes);
  }

  /** A new NOT VALID CHECK that existing rows already violate. */
  private static void notValid(Checks checks, SchemaDiff schema, Probes probes) {
    for (SchemaChange.Added a : schema.added()) {
      if (!a.narrowsConstraint()
          || !a.description().endsWith(" NOT VALID")
          || !a.description().contains(": CHECK ")) {
        continue;
      }
      String[] parts = a.path().split(" / ");
      String table = parts[0].substring(parts[0].indexOf(' ') + 1);
      String definition = a.description().substring(a.description().indexOf(": CHECK ") + 2);
      String expression =
          definition.substring("CHECK ".length(), definition.length() - " NOT VALID".length());
      long violating = probes.violations(table, expression).orElse(0L);
      if (violating > 0) {
        checks.add(
            Rule.CONSTRAINT_NARROWED,
            a.path(),
            "new "
                + parts[1]
                + " on "
                + parts[0]
                + " is NOT VALID and "
                + violating
                + " existing rows violate it: VALIDATE CONSTRAINT will fail, and updates of those"
                + " rows fail now",
            "Fix the rows first (UPDATE … in the same migration), then add the constraint.");
      }
    }
  }

  /**
   * The values a constraint or enum no longer accepts, but for enum labels the migration renamed
   * ({@code ALTER TYPE … RENAME VALUE 'old' TO 'new'}: the label keeps its place, what was stored
   * reads as the new one).
   */
  static List<String> notRenamed(SchemaChange.Modified m, Optional<String> text) {
    if (!m.kind().equals("enum") || text.isEmpty()) {
      return m.lostValues();
    }
    List<String> kept = new ArrayList<>();
    for (String value : m.lostValues()) {
      if (!RENAME_VALUE.apply(value).matcher(text.get()).find()) {
        kept.add(value);
      }
    }
    return kept;
  }

  /** The enum types of which the migration renamed a label, by qualified and by plain name. */
  static Set<String> renamedEnums(SchemaDiff schema, Optional<String> text) {
    Set<String> names = new java.util.TreeSet<>();
    for (SchemaChange.Modified m : schema.modified()) {
      if (m.kind().equals("enum") && notRenamed(m, text).size() < m.lostValues().size()) {
        String qualified = m.path().substring("enum ".length());
        names.add(qualified);
        names.add(qualified.substring(qualified.indexOf('.') + 1));
      }
    }
    return names;
  }

  private static final java.util.function.Function<String, java.util.regex.Pattern> RENAME_VALUE =
      quoted ->
          java.util.regex.Pattern.compile(
              "(?i)\\bRENAME\\s+VALUE\\s+" + java.util.regex.Pattern.quote(quoted) + "\\s+TO\\b");
}
