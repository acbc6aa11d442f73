package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.QualifiedName;
import java.util.HashMap;
import java.util.Map;

/**
 * The paths and keys of a snapshot's relations and functions, as a schema diff sees them: what the
 * entries under them (columns, privileges) name as their parent.
 */
final class Paths {
  private final Map<QualifiedName, String[]> relations = new HashMap<>();
  private final Map<String, String[]> printedRelations = new HashMap<>();
  private final Map<String, String[]> functions = new HashMap<>();

  Paths(CatalogSnapshot s) {
    for (CatalogSnapshot.Table t : s.tables()) {
      add(new QualifiedName(t.schema(), t.name()), "table");
    }
    for (CatalogSnapshot.View v : s.views()) {
      add(new QualifiedName(v.schema(), v.name()), viewKind(v));
    }
    for (CatalogSnapshot.Function f : s.functions()) {
      functions.putIfAbsent(
          f.signature(), new String[] {f.kind() + " " + f.signature(), function(f)});
    }
  }

  private void add(QualifiedName name, String kind) {
    String[] pathAndKey = {kind + " " + name, Described.key(kind, name.schema(), name.name())};
    relations.put(name, pathAndKey);
    printedRelations.put(name.toString(), pathAndKey);
  }

  static String viewKind(CatalogSnapshot.View v) {
    return v.materialized() ? "materialized view" : "view";
  }

  /** The key of a table ({@code schema.name}). */
  static String table(String schema, String name) {
    return Described.key("table", schema, name);
  }

  /** The key of a function. */
  static String function(CatalogSnapshot.Function f) {
    return Described.key(f.kind(), f.schema(), f.name(), f.arguments());
  }

  /** The path and key of a table or view; a table's when the snapshot has neither. */
  String[] relation(String schema, String name) {
    String[] found = relations.get(new QualifiedName(schema, name));
    return found != null
        ? found
        : new String[] {"table " + schema + "." + name, table(schema, name)};
  }

  /** The path and key of a table or view by its printed name, as a privilege names it. */
  String[] relation(String printed) {
    String[] found = printedRelations.get(printed);
    return found != null
        ? found
        : new String[] {"table " + printed, Described.key("table?", printed)};
  }

  /** The path and key of a function by its signature, as a privilege names it. */
  String[] function(String signature) {
    String[] found = functions.get(signature);
    return found != null
        ? found
        : new String[] {"function " + signature, Described.key("function?", signature)};
  }
}
