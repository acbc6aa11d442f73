package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.Fingerprints;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.ResultColumns;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.diff.TableDataChange;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.Rule;
import io.github.cofferdam.junit.internal.flyway.TransactionControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The rules: each turns what one migration did into findings with a message and a remedy. */
final class Checks {

  private final String script;
  private final String label;
  private final List<Finding> findings = new ArrayList<>();

  Checks(String script, String label) {
    this.script = script;
    this.label = label;
  }

  /** The migration's script ({@code V3__add_orders.sql}). */
  String script() {
    return script;
  }

  /** Adds a finding as it is. */
  void add(Finding finding) {
    findings.add(finding);
  }

  /** The migration's label ({@code V3 add orders}). */
  String label() {
    return label;
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** Adds a finding, an error until the policy says otherwise. */
  void add(Rule rule, String object, String message, String remedy) {
    findings.add(
        new Finding(
            rule, Finding.Severity.ERROR, script, object, message, remedy, Optional.empty()));
  }

  // --- non-idempotent ---------------------------------------------------------------------

  void replayFailed(MigrationFailure failure) {
    StringBuilder m = new StringBuilder(script).append(" fails when applied a second time");
    failure.line().ifPresent(l -> m.append(", at line ").append(l));
    if (failure.sqlState() != null) {
      m.append(", with SQLSTATE ")
          .append(failure.sqlState())
          .append(" (")
          .append(failure.sqlStateMeaning())
          .append(')');
    }
    m.append(": ").append(failure.message());
    failure.statement().ifPresent(s -> m.append("\n      statement: ").append(firstLine(s)));
    add(
        Rule.NON_IDEMPOTENT,
        failure
            .statement()
            .map(s -> "statement at line " + failure.line().orElse(0))
            .orElse(script),
        m.toString(),
        Remedies.forReplayFailure(failure.sqlState(), failure.statement().orElse("")));
  }

  void replayChanged(SchemaDiff schema, DataDiff data, Set<String> inserted, Set<String> updated) {
    for (SchemaChange c : schema.changes()) {
      add(
          Rule.NON_IDEMPOTENT,
          c.path(),
          script + " changes the schema when applied a second time: " + c.summary(),
          "Name every object and create it only if it is missing: CREATE INDEX IF NOT EXISTS"
              + " <name> ON …, ADD COLUMN IF NOT EXISTS, CREATE OR REPLACE.");
    }
    for (TableDataChange t : data.changed()) {
      String remedy;
      if (inserted.contains(t.table())) {
        remedy =
            "Make the INSERT a no-op on a second run: INSERT … ON CONFLICT DO NOTHING, or INSERT …"
                + " SELECT … WHERE NOT EXISTS (…).";
      } else if (updated.contains(t.table())) {
        remedy =
            "Make the UPDATE a no-op on a second run: UPDATE … WHERE <not yet done> (for example"
                + " WHERE fee_applied = false, setting the flag in the same statement).";
      } else {
        remedy =
            "Guard the statement that changes this table so that a second run changes nothing.";
      }
      add(
          Rule.NON_IDEMPOTENT,
          "table " + t.table(),
          script
              + " changes data when applied a second time: table "
              + t.table()
              + ": "
              + t.description(),
          remedy);
    }
  }

  // --- data-loss ----------------------------------------------------------------------------

  /**
   * data-loss: a table lost rows, or a table with rows is gone. A table that the migration read
   * whole before dropping it, while it wrote to other tables, looks moved: a warning that says so.
   *
   * @param written the tables the migration wrote to
   */
  void dataLoss(DataDiff data, List<Dropped> dropped, Set<String> written) {
    for (TableDataChange t : data.tables()) {
      if (t.rowsLost() == 0) {
        continue;
      }
      if (t.rowsAfter() == null) {
        gone(t, dropped, written);
        continue;
      }
      String lost =
          "table "
              + t.table()
              + " lost "
              + t.rowsLost()
              + " of "
              + t.rowsBefore()
              + " rows in "
              + label
              + " ("
              + t.rowsBefore()
              + " → "
              + t.rowsAfter()
              + ")";
      add(
          Rule.DATA_LOSS,
          "table " + t.table(),
          lost,
          written.contains(t.table())
              ? "The migration deletes them: narrow its WHERE clause, or, if they may go, say why:"
                  + " -- cofferdam:allow"
                  + " data-loss "
                  + t.table()
                  + " \"<reason>\""
              : KEEP_ROWS + t.table() + " \"<reason>\"");
    }
  }

  private static final String KEEP_ROWS =
      "Keep the rows: change the table in place (ALTER TABLE), or copy them (INSERT INTO …"
          + " SELECT … FROM the old table) before dropping it. If the loss is intended, say why:"
          + " -- cofferdam:allow data-loss ";

  /**
   * A table with rows that is gone: lost, unless the migration read them all and wrote elsewhere.
   */
  private void gone(TableDataChange t, List<Dropped> dropped, Set<String> written) {
    String what = "table " + t.table() + " with " + t.rowsBefore() + " rows is gone after " + label;
    long read =
        dropped.stream()
            .filter(d -> d.rowsRead() != null && ObjectLost.identifies(d, "table " + t.table()))
            .mapToLong(Dropped::rowsRead)
            .max()
            .orElse(0);
    List<String> into = written.stream().filter(w -> !w.equals(t.table())).sorted().toList();
    if (read < t.rowsBefore() || into.isEmpty()) {
      add(Rule.DATA_LOSS, "table " + t.table(), what, KEEP_ROWS + t.table() + " \"<reason>\"");
      return;
    }
    findings.add(
        new Finding(
            Rule.DATA_LOSS,
            Finding.Severity.WARNING,
            script,
            "table " + t.table(),
            what
                + ", but "
                + label
                + " read its rows first and wrote to "
                + String.join(", ", into)
                + ": they look moved there",
            "If they were moved, say so: -- cofferdam:allow data-loss "
                + t.table()
                + " \"moved to "
                + into.get(0)
                + "\"; if not, copy them before dropping the table.",
            Optional.empty()));
  }

  // --- data-changed -------------------------------------------------------------------------

  void dataChanged(
      CatalogSnapshot before,
      CatalogSnapshot after,
      DataDiff data,
      Set<String> dml,
      Probes probes,
      Set<String> renamedEnums) {
    for (TableDataChange t : data.tables()) {
      if (t.rowsBefore() == null
          || t.rowsAfter() == null
          || !t.rowsBefore().equals(t.rowsAfter())
          || t.changedColumns().isEmpty()
          || dml.contains(t.table())) {
        continue;
      }
      List<String> changed = changedValues(before, after, t, probes);
      // a renamed enum label reads as its new name: the stored values did not change
      changed.removeIf(
          c -> renamedEnums.contains(c.substring(c.indexOf(" (") + 2, c.length() - 1)));
      if (changed.isEmpty()) {
        continue;
      }
      add(
          Rule.DATA_CHANGED,
          "table " + t.table(),
          "values of table "
              + t.table()
              + " changed in "
              + label
              + " although it ran no INSERT, UPDATE or DELETE on it ("
              + t.rowsAfter()
              + " rows, compared through the old types): "
              + String.join(", ", changed),
          "A type change or a USING expression rewrote the values (a narrowing cast truncates or"
              + " rounds them). Widen the type instead, or convert explicitly with an UPDATE and say"
              + " why: -- cofferdam:allow data-changed "
              + t.table()
              + " \"<reason>\"");
    }
  }

  /**
   * The columns of a table whose values changed, with their types; a column whose type changed is
   * compared through its old type (its fingerprint computed again that way, under a probe).
   */
  private static List<String> changedValues(
      CatalogSnapshot before, CatalogSnapshot after, TableDataChange t, Probes probes) {
    String schema = t.table().substring(0, t.table().indexOf('.'));
    String table = t.table().substring(t.table().indexOf('.') + 1);
    Map<String, Column> old = columns(before, schema, table);
    Map<String, Column> now = columns(after, schema, table);
    Map<String, String> throughOldType = new TreeMap<>();
    List<String> changed = new ArrayList<>();
    for (String c : t.changedColumns()) {
      Column was = old.get(c);
      Column is = now.get(c);
      if (was != null && is != null && !was.type().equals(is.type())) {
        throughOldType.put(c, was.type());
      } else {
        changed.add(c + " (" + (was == null ? "?" : was.type()) + ")");
      }
    }
    if (!throughOldType.isEmpty()) {
      Map<String, String> recomputed =
          probes
              .guarded(c -> Fingerprints.columnsAs(c, schema, table, throughOldType))
              .orElse(Map.of());
      Map<String, String> beforePrints =
          before.dataOf(schema, table).map(d -> d.columnFingerprints()).orElse(Map.of());
      for (Map.Entry<String, String> e : throughOldType.entrySet()) {
        String c = e.getKey();
        // a value that cannot even be read in the old type has certainly changed
        if (!recomputed.containsKey(c)
            || !java.util.Objects.equals(recomputed.get(c), beforePrints.get(c))) {
          changed.add(c + " (" + e.getValue() + " → " + now.get(c).type() + ")");
        }
      }
    }
    return changed;
  }

  private static Map<String, Column> columns(CatalogSnapshot s, String schema, String table) {
    Map<String, Column> m = new LinkedHashMap<>();
    s.columnsOf(schema, table).forEach(c -> m.put(c.name(), c));
    return m;
  }

  // --- rpc-drift ----------------------------------------------------------------------------

  /**
   * Reports the drifts that {@code now} (those of {@code after}, {@link #drift}) has and {@code
   * was} (the drifts before) has not.
   */
  void rpcDrift(Map<String, String> was, Map<String, String> now, CatalogSnapshot after) {
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (e.getValue().equals(was.get(e.getKey()))) {
        continue; // drifted before this migration already: reported where it started
      }
      String[] key = e.getKey().split("\n");
      String language =
          after.functions().stream()
              .filter(f -> f.signature().equals(key[0]))
              .map(CatalogSnapshot.Function::language)
              .findFirst()
              .orElse("");
      add(
          Rule.RPC_DRIFT,
          "function " + key[0],
          "after "
              + label
              + ", function "
              + key[0]
              + " returns the columns of table "
              + key[1]
              + " by name, but with other types: "
              + e.getValue()
              + (language.equals("plpgsql")
                  ? "; every call through RETURN QUERY fails with SQLSTATE 42804 (structure of"
                      + " query does not match function result type)"
                  : "; callers get other types than the table holds"),
          "Declare RETURNS TABLE with the table's column types (or RETURNS SETOF "
              + key[1]
              + "), in the same migration that changes either.");
    }
  }

  /**
   * {@link #driftKey} → the type mismatches, for every function of a snapshot that drifts from the
   * table it mirrors. {@link RpcDrifts} keeps the same map up to date step by step.
   */
  static Map<String, String> drift(CatalogSnapshot s) {
    Map<String, String> result = new TreeMap<>();
    ResultColumns.mirroredTables(s)
        .forEach(
            (f, t) -> {
              List<String> d = ResultColumns.typeDrift(f, s.columnsOf(t.schema(), t.name()));
              if (!d.isEmpty()) {
                result.put(driftKey(f, t), String.join("; ", d));
              }
            });
    return result;
  }

  /**
   * The function's signature and the table's name as printed, one per line, then their schemas
   * (names that print alike, {@code "a.b".c} and {@code a."b.c"}, stay apart).
   */
  static String driftKey(CatalogSnapshot.Function f, CatalogSnapshot.Table t) {
    return f.signature() + "\n" + t.qualifiedName() + "\n" + f.schema() + "\n" + t.schema();
  }

  /**
   * A statement in one line for a message: without its leading comments (a licence header is not
   * the statement), its white space condensed, cut after 120 characters.
   */
  static String firstLine(String statement) {
    String s = TransactionControl.withoutLeadingComments(statement).strip().replaceAll("\\s+", " ");
    return s.length() <= 120 ? s : s.substring(0, 120) + " …";
  }
}
