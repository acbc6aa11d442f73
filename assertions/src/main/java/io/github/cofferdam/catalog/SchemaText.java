package io.github.cofferdam.catalog;

import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Constraint;
import io.github.cofferdam.catalog.CatalogSnapshot.EnumType;
import io.github.cofferdam.catalog.CatalogSnapshot.Extension;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.Index;
import io.github.cofferdam.catalog.CatalogSnapshot.Policy;
import io.github.cofferdam.catalog.CatalogSnapshot.Privilege;
import io.github.cofferdam.catalog.CatalogSnapshot.Sequence;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.Trigger;
import io.github.cofferdam.catalog.CatalogSnapshot.View;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A snapshot's schema as text for code review: one block per object (a header line such as {@code
 * table public.orders}, then its columns, constraints, indexes, triggers, policies and grants as
 * indented lines), blocks sorted by header and separated by a blank line. No data, no row counts,
 * no OIDs: two databases built by the same SQL render the same text, and a diff of the text shows
 * what changed in the schema.
 *
 * @since 0.1.0
 */
public final class SchemaText {

  private static final String INDENT = "  ";

  private SchemaText() {}

  /** The schema of {@code snapshot} as stable, sorted text, ending with a newline. */
  public static String render(CatalogSnapshot snapshot) {
    Map<String, List<String>> blocks = new TreeMap<>();
    Map<String, String> relationHeaders = new TreeMap<>();
    for (String schema : snapshot.schemas()) {
      blocks.put("schema " + schema, new ArrayList<>());
    }
    for (Table t : snapshot.tables()) {
      String header = "table " + t.qualifiedName();
      List<String> lines = block(blocks, header);
      relationHeaders.put(t.qualifiedName(), header);
      if (!t.kind().equals("table")) {
        lines.add("kind " + t.kind());
      }
      if (t.partitionOf() != null) {
        lines.add("partition of " + t.partitionOf() + " " + oneLine(t.partitionBound()));
      }
      if (t.rowLevelSecurity()) {
        lines.add("row-level security on");
      }
    }
    for (View v : snapshot.views()) {
      String header = (v.materialized() ? "materialized view " : "view ") + v.qualifiedName();
      relationHeaders.put(v.qualifiedName(), header);
      block(blocks, header);
    }
    for (Column c : snapshot.columns()) {
      String header = relationHeaders.get(c.schema() + "." + c.relation());
      if (header == null) {
        continue; // a column of a relation kind the snapshot does not list
      }
      StringBuilder line =
          new StringBuilder("column ").append(c.name()).append(' ').append(c.type());
      if (!c.nullable()) {
        line.append(" not null");
      }
      if (c.defaultValue() != null) {
        line.append(" default ").append(oneLine(c.defaultValue()));
      }
      if (c.identity() != null && !c.identity().isEmpty()) {
        line.append(" identity ").append(c.identity());
      }
      if (c.generated() != null && !c.generated().isEmpty()) {
        line.append(" generated ").append(oneLine(c.generated()));
      }
      block(blocks, header).add(line.toString());
    }
    for (View v : snapshot.views()) {
      block(blocks, relationHeaders.get(v.qualifiedName()))
          .add("definition " + oneLine(v.definition()));
    }
    for (Constraint c : snapshot.constraints()) {
      block(blocks, tableHeader(relationHeaders, c.schema(), c.table()))
          .add(
              "constraint "
                  + c.name()
                  + " "
                  + oneLine(c.definition())
                  + (c.validated() ? "" : " (not validated)"));
    }
    for (Index i : snapshot.indexes()) {
      block(blocks, tableHeader(relationHeaders, i.schema(), i.table()))
          .add(
              "index "
                  + i.name()
                  + " "
                  + oneLine(i.definition())
                  + (i.valid() ? "" : " (invalid)"));
    }
    for (Trigger t : snapshot.triggers()) {
      block(blocks, tableHeader(relationHeaders, t.schema(), t.table()))
          .add(
              "trigger "
                  + t.name()
                  + " "
                  + oneLine(t.definition())
                  + (t.enabled() == null || t.enabled().equals("origin")
                      ? ""
                      : " (enabled " + t.enabled() + ")"));
    }
    for (Policy p : snapshot.policies()) {
      block(blocks, tableHeader(relationHeaders, p.schema(), p.table()))
          .add(
              "policy "
                  + p.name()
                  + (p.permissive() ? " permissive" : " restrictive")
                  + " for "
                  + p.command()
                  + " to "
                  + String.join(", ", p.roles())
                  + (p.using() == null ? "" : " using " + oneLine(p.using()))
                  + (p.withCheck() == null ? "" : " with check " + oneLine(p.withCheck())));
    }
    for (Function f : snapshot.functions()) {
      List<String> lines = block(blocks, f.kind() + " " + f.signature());
      lines.add("returns " + (f.returnsSet() ? "setof " : "") + f.result());
      lines.add("language " + f.language());
      if (f.volatility() != null) {
        lines.add("volatility " + f.volatility());
      }
      if (f.securityDefiner()) {
        lines.add("security definer");
      }
      lines.add("body " + f.bodyHash());
    }
    for (EnumType e : snapshot.enums()) {
      block(blocks, "enum " + e.qualifiedName()).add("labels " + String.join(", ", e.labels()));
    }
    for (Sequence s : snapshot.sequences()) {
      List<String> lines = block(blocks, "sequence " + s.qualifiedName());
      lines.add(
          s.type()
              + " start "
              + s.start()
              + " increment "
              + s.increment()
              + " min "
              + s.min()
              + " max "
              + s.max()
              + (s.cycle() ? " cycle" : ""));
      if (s.ownedBy() != null) {
        lines.add("owned by " + s.ownedBy());
      }
    }
    for (Extension e : snapshot.extensions()) {
      block(blocks, "extension " + e.name())
          .add("version " + e.version() + " in schema " + e.schema());
    }
    for (Privilege p : snapshot.privileges()) {
      String header =
          p.objectType().equals("table")
              ? relationHeaders.getOrDefault(p.object(), "table " + p.object())
              : functionHeader(snapshot, p.object());
      block(blocks, header).add("grant " + p.privilege() + " to " + p.grantee());
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<String>> entry : blocks.entrySet()) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(entry.getKey()).append('\n');
      for (String line : entry.getValue()) {
        text.append(INDENT).append(line).append('\n');
      }
    }
    return text.toString();
  }

  /**
   * The differences between two rendered texts, compared block by block by header: a block only in
   * {@code expected} ({@code table public.orders: expected, not built}), a block only in {@code
   * actual} ({@code table public.orders: built, not expected}), and for a block in both each line
   * that only one of them holds ({@code table public.orders: expected "column total integer", not
   * built}); the same lines in another order (columns, say) are one difference too. Sorted by
   * header; empty when the texts describe the same schema.
   */
  public static List<String> differences(String expected, String actual) {
    Map<String, Set<String>> want = parse(expected);
    Map<String, Set<String>> got = parse(actual);
    Set<String> headers = new java.util.TreeSet<>(want.keySet());
    headers.addAll(got.keySet());
    List<String> out = new ArrayList<>();
    for (String header : headers) {
      Set<String> w = want.get(header);
      Set<String> g = got.get(header);
      if (g == null) {
        out.add(header + ": expected, not built");
      } else if (w == null) {
        out.add(header + ": built, not expected");
      } else {
        for (String line : w) {
          if (!g.contains(line)) {
            out.add(header + ": expected \"" + line + "\", not built");
          }
        }
        for (String line : g) {
          if (!w.contains(line)) {
            out.add(header + ": built \"" + line + "\", not expected");
          }
        }
        if (w.equals(g) && !List.copyOf(w).equals(List.copyOf(g))) {
          out.add(
              header + ": the same lines in another order (expected " + w + ", built " + g + ")");
        }
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, Set<String>> parse(String text) {
    Map<String, Set<String>> blocks = new TreeMap<>();
    Set<String> current = null;
    for (String raw : text.split("\r?\n")) {
      if (raw.isBlank()) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0))) {
        if (current == null) {
          current = blocks.computeIfAbsent("", k -> new LinkedHashSet<>());
        }
        current.add(raw.strip());
      } else {
        current = blocks.computeIfAbsent(raw.strip(), k -> new LinkedHashSet<>());
      }
    }
    return blocks;
  }

  private static List<String> block(Map<String, List<String>> blocks, String header) {
    return blocks.computeIfAbsent(header, k -> new ArrayList<>());
  }

  private static String tableHeader(Map<String, String> headers, String schema, String table) {
    return headers.getOrDefault(schema + "." + table, "table " + schema + "." + table);
  }

  private static String functionHeader(CatalogSnapshot snapshot, String object) {
    for (Function f : snapshot.functions()) {
      if (f.signature().equals(object)) {
        return f.kind() + " " + object;
      }
    }
    return "function " + object;
  }

  /** Whitespace runs (the line breaks of a view's definition, say) as one space. */
  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ");
  }
}
