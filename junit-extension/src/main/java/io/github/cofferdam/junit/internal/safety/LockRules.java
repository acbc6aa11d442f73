package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.LockMode;
import io.github.cofferdam.junit.Rule;
import io.github.cofferdam.junit.internal.safety.Locks.Held;
import io.github.cofferdam.junit.internal.safety.ScriptStatements.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The lock rules, from what the locks stage observed ({@link Locks}): table-rewrite,
 * index-not-concurrent, constraint-validated-under-lock, then blocking-lock for a blocking lock
 * none of them explains, and missing-lock-timeout for those they do. Warnings, unless the policy
 * says otherwise.
 *
 * <p>Only a relation that existed before the migration and whose table had rows then can raise
 * anything: a lock on a table the migration created, or on an empty one, blocks nobody for longer
 * than the statement, and a rewrite of an empty table copies nothing.
 */
final class LockRules {

  private final Step step;
  private final Checks checks;
  private ScriptStatements statements;
  private final String held;

  /** Tables a specific rule reported, with the mode held: blocking-lock stays quiet on them. */
  private final Map<String, LockMode> explained = new LinkedHashMap<>();

  private LockRules(Step step) {
    this.step = step;
    this.checks = step.checks;
    this.held =
        " until "
            + step.label
            + " commits (with the seeded rows; in production the time grows with the table's"
            + " size)";
  }

  static void check(Step step) {
    if (!step.locks.observed()) {
      return;
    }
    LockRules rules = new LockRules(step);
    rules.rewrites();
    rules.indexes();
    rules.constraints();
    rules.blockingLocks();
  }

  private static boolean populated(Held h) {
    return h.existedBefore() && h.rowsBefore() > 0;
  }

  /** The strongest mode the migration held on a table, by its name. */
  private Optional<Held> table(String qualifiedName) {
    return step.locks.held().stream()
        .filter(h -> !h.isIndex() && h.qualifiedName().equals(qualifiedName))
        .findFirst();
  }

  private void warn(Rule rule, String object, String message, String remedy) {
    checks.add(
        new Finding(
            rule,
            Finding.Severity.WARNING,
            checks.script(),
            object,
            message,
            remedy,
            Optional.empty()));
  }

  /** The script's statements, split when a finding first needs them. */
  private ScriptStatements statements() {
    if (statements == null) {
      statements = ScriptStatements.of(step.text);
    }
    return statements;
  }

  /**
   * The tables that existed with rows and that the migration held in a mode that blocks writes:
   * only on them can a constraint have been validated under lock.
   */
  private Set<String> blockedTables() {
    Set<String> blocked = new TreeSet<>();
    for (Held h : step.locks.held()) {
      if (!h.isIndex() && populated(h) && h.mode().blocksWrites()) {
        blocked.add(h.qualifiedName());
      }
    }
    return blocked;
  }

  /** {@code ACCESS EXCLUSIVE, which blocks reads and writes}, held until the migration commits. */
  private String blocking(LockMode mode) {
    return mode + ", which blocks " + mode.blocks() + held;
  }

  private String at(Optional<Statement> s) {
    return s.map(x -> ", at " + x.shown()).orElse("");
  }

  private static String rows(long n) {
    return n + (n == 1 ? " row" : " rows");
  }

  private static String size(long bytes) {
    return bytes < 10 * 1024 ? bytes + " bytes" : (bytes / 1024) + " kB";
  }

  // --- table-rewrite --------------------------------------------------------------------------

  private void rewrites() {
    Set<String> rewrittenTables = new TreeSet<>();
    for (Held h : step.locks.held()) {
      if (!h.rewritten() || !populated(h) || h.isIndex()) {
        continue;
      }
      if (step.after().dataOf(h.schema(), h.name()).map(d -> d.rowCount() == 0).orElse(false)) {
        continue; // TRUNCATE: a new empty file, and data-loss says what went
      }
      rewrittenTables.add(h.qualifiedName());
      Optional<Statement> s =
          statements()
              .first(
                  h.name(),
                  t -> t.startsWith("ALTER") || t.startsWith("VACUUM") || t.startsWith("CLUSTER"));
      explained.put(h.qualifiedName(), h.mode());
      warn(
          Rule.TABLE_REWRITE,
          "table " + h.qualifiedName(),
          step.label
              + " rewrites table "
              + h.qualifiedName()
              + " ("
              + rows(h.rowsBefore())
              + ", now "
              + size(h.bytes())
              + ")"
              + at(s)
              + ": PostgreSQL copied every row into a new file and rebuilt its indexes while holding "
              + blocking(h.mode()),
          s.map(x -> rewriteRemedy(x.normalized())).orElse(REWRITE_FIX));
    }
    for (Held h : step.locks.held()) {
      if (h.rewritten()
          && populated(h)
          && h.isIndex()
          && !rewrittenTables.contains(h.qualifiedTable())) {
        Optional<Statement> s = statements().first(h.name(), t -> true);
        Optional<Held> t = table(h.qualifiedTable());
        t.ifPresent(x -> explained.put(x.qualifiedName(), x.mode()));
        warn(
            Rule.TABLE_REWRITE,
            "index " + h.qualifiedName(),
            step.label
                + " rebuilds index "
                + h.qualifiedName()
                + " on table "
                + h.qualifiedTable()
                + " ("
                + rows(h.rowsBefore())
                + ")"
                + at(s)
                + t.map(
                        x ->
                            ", holding "
                                + x.mode()
                                + " on the table, which blocks "
                                + x.mode().blocks()
                                + held)
                    .orElse(""),
            "Rebuild it without blocking: REINDEX INDEX CONCURRENTLY (PostgreSQL 12+) in a migration"
                + " of its own, which Flyway runs outside a transaction.");
      }
    }
  }

  private static final String REWRITE_FIX =
      "Change the table without a rewrite: add columns without a volatile default, keep a column's"
          + " type (or widen it in a way PostgreSQL does not rewrite, such as varchar(n) to text),"
          + " and do the rest on a copy: a new column, backfilled in batches, then swapped.";

  private static String rewriteRemedy(String s) {
    if (s.contains("ADD") && s.contains("DEFAULT")) {
      return "Add the column without a default, or with a constant one (PostgreSQL 11+ stores a"
          + " constant default without a rewrite); then set the default for new rows (ALTER COLUMN"
          + " … SET DEFAULT …) and fill the existing rows in batches (UPDATE … WHERE id BETWEEN …"
          + " in later migrations or a job).";
    }
    if (s.contains(" TYPE ")) {
      return "Add a column of the new type, fill it in batches, write both columns from the"
          + " application (or a trigger), then switch over and drop the old column in a later"
          + " migration.";
    }
    if (s.startsWith("VACUUM") || s.startsWith("CLUSTER")) {
      return "Run it outside the deployment (pg_repack rewrites a table without holding ACCESS"
          + " EXCLUSIVE for the copy), or in a maintenance window.";
    }
    return REWRITE_FIX;
  }

  // --- index-not-concurrent -------------------------------------------------------------------

  private void indexes() {
    for (Held h : step.locks.held()) {
      if (!h.isIndex() || h.existedBefore()) {
        continue;
      }
      Optional<Held> t = table(h.qualifiedTable());
      if (t.isEmpty() || !populated(t.get())) {
        continue; // a new table, or an empty one: the build blocks nobody
      }
      Optional<Statement> s = statements().first(h.name(), x -> true);
      if (s.isEmpty()) {
        s =
            statements()
                .first(
                    t.get().name(),
                    x ->
                        x.contains("INDEX")
                            || x.contains("UNIQUE")
                            || x.contains("PRIMARY KEY")
                            || x.contains("EXCLUDE"));
      }
      boolean constraint = s.map(x -> x.normalized().startsWith("ALTER")).orElse(false);
      explained.put(t.get().qualifiedName(), t.get().mode());
      warn(
          Rule.INDEX_NOT_CONCURRENT,
          "index " + h.qualifiedName(),
          step.label
              + " builds index "
              + h.qualifiedName()
              + " on table "
              + t.get().qualifiedName()
              + " ("
              + rows(t.get().rowsBefore())
              + ", index now "
              + size(h.bytes())
              + ") without CONCURRENTLY"
              + at(s)
              + ": the table is held in "
              + blocking(t.get().mode()),
          constraint
              ? "Build the index first, without blocking writes: CREATE UNIQUE INDEX CONCURRENTLY"
                  + " <name> ON … in a migration of its own (Flyway runs it outside a"
                  + " transaction), then ALTER TABLE … ADD CONSTRAINT … UNIQUE (or PRIMARY KEY)"
                  + " USING INDEX <name>."
              : "Use CREATE INDEX CONCURRENTLY, in a migration of its own (Flyway runs it outside a"
                  + " transaction; a failed build leaves an INVALID index: drop it and run again).");
    }
  }

  // --- constraint-validated-under-lock --------------------------------------------------------

  private void constraints() {
    Set<String> blocked = blockedTables();
    if (blocked.isEmpty()) {
      return; // the usual case: the catalog is not searched at all
    }
    CatalogSnapshot was = step.was();
    for (CatalogSnapshot.Constraint c : step.after().constraints()) {
      if (!c.validated()
          || !(c.type().equals("foreign key") || c.type().equals("check"))
          || !blocked.contains(c.schema() + "." + c.table())) {
        continue;
      }
      Optional<CatalogSnapshot.Constraint> before =
          was.constraints().stream()
              .filter(
                  b ->
                      b.schema().equals(c.schema())
                          && b.table().equals(c.table())
                          && b.name().equals(c.name()))
              .findFirst();
      if (before.isPresent() && before.get().validated()) {
        continue; // validated before this migration
      }
      Optional<Held> t = table(c.schema() + "." + c.table());
      if (t.isEmpty() || !populated(t.get()) || !t.get().mode().blocksWrites()) {
        continue; // VALIDATE CONSTRAINT alone holds SHARE UPDATE EXCLUSIVE: nobody waits
      }
      Optional<Statement> s =
          statements().first(c.name(), x -> x.contains(" ADD ") || x.contains(" VALIDATE "));
      if (s.isEmpty()) {
        s = statements().first(t.get().name(), x -> x.startsWith("ALTER") && x.contains(" ADD "));
      }
      explained.put(t.get().qualifiedName(), t.get().mode());
      if (c.type().equals("foreign key")) {
        referenced(c.definition()).ifPresent(r -> explained.put(r.qualifiedName(), r.mode()));
      }
      String kind = c.type().equals("foreign key") ? "foreign key" : "CHECK constraint";
      warn(
          Rule.CONSTRAINT_VALIDATED_UNDER_LOCK,
          "constraint " + c.name() + " on " + t.get().qualifiedName(),
          step.label
              + " validates "
              + kind
              + " "
              + c.name()
              + " against the "
              + rows(t.get().rowsBefore())
              + " of table "
              + t.get().qualifiedName()
              + at(s)
              + " while holding "
              + blocking(t.get().mode()),
          "Add it as NOT VALID (a short lock; new rows are checked from then on): ALTER TABLE … ADD"
              + " CONSTRAINT "
              + c.name()
              + " … NOT VALID; then, in a later migration, ALTER TABLE … VALIDATE CONSTRAINT "
              + c.name()
              + " (it scans under SHARE UPDATE EXCLUSIVE: reads and writes go on).");
    }
    notNull(was, blocked);
  }

  private static final Pattern REFERENCES =
      Pattern.compile("REFERENCES (?:\"?([^\"(.]+)\"?\\.)?\"?([^\"(]+)\"?\\(");

  /** The table a foreign key's definition references, as the migration held it. */
  private Optional<Held> referenced(String definition) {
    java.util.regex.Matcher m = REFERENCES.matcher(definition);
    if (!m.find()) {
      return Optional.empty();
    }
    return step.locks.held().stream()
        .filter(
            h ->
                !h.isIndex()
                    && h.name().equals(m.group(2))
                    && (m.group(1) == null || h.schema().equals(m.group(1))))
        .findFirst();
  }

  private static final Pattern NOT_NULL_CHECK =
      Pattern.compile("CHECK \\(\\(?\"?([^\"()\\s]+)\"? IS NOT NULL\\)?\\)");

  /** SET NOT NULL on a column of a table that had rows, without a valid CHECK to skip the scan. */
  private void notNull(CatalogSnapshot was, Set<String> blocked) {
    for (String qualified : blocked) {
      Held h = table(qualified).orElseThrow();
      for (CatalogSnapshot.Column col : step.after().columnsOf(h.schema(), h.name())) {
        notNull(was, col);
      }
    }
  }

  private void notNull(CatalogSnapshot was, CatalogSnapshot.Column col) {
    if (col.nullable()) {
      return;
    }
    Optional<CatalogSnapshot.Column> before =
        was.columnsOf(col.schema(), col.relation()).stream()
            .filter(b -> b.name().equals(col.name()))
            .findFirst();
    if (before.isEmpty() || !before.get().nullable()) {
      return;
    }
    Optional<Held> t = table(col.schema() + "." + col.relation());
    if (t.isEmpty() || !populated(t.get()) || explained.containsKey(t.get().qualifiedName())) {
      return;
    }
    boolean proven =
        was.constraints().stream()
            .anyMatch(
                k ->
                    k.schema().equals(col.schema())
                        && k.table().equals(col.relation())
                        && k.validated()
                        && k.type().equals("check")
                        && NOT_NULL_CHECK.matcher(k.definition()).matches()
                        && NOT_NULL_CHECK
                            .matcher(k.definition())
                            .replaceAll("$1")
                            .equals(col.name()));
    boolean primaryKey =
        step.after().constraints().stream()
            .anyMatch(
                k ->
                    k.schema().equals(col.schema())
                        && k.table().equals(col.relation())
                        && k.type().equals("primary key")
                        && !was.constraints().contains(k));
    if (proven || primaryKey) {
      return; // PostgreSQL 12+ takes the valid CHECK as proof; a new key is
      // index-not-concurrent's
    }
    Optional<Statement> s =
        statements().first(col.name(), x -> x.startsWith("ALTER") && x.contains("NOT NULL"));
    explained.put(t.get().qualifiedName(), t.get().mode());
    String check = col.relation() + "_" + col.name() + "_not_null";
    warn(
        Rule.CONSTRAINT_VALIDATED_UNDER_LOCK,
        "column " + col.qualifiedName(),
        step.label
            + " sets column "
            + col.qualifiedName()
            + " NOT NULL, scanning the "
            + rows(t.get().rowsBefore())
            + " of table "
            + t.get().qualifiedName()
            + at(s)
            + " while holding "
            + blocking(t.get().mode()),
        "Prove it first without blocking: ALTER TABLE … ADD CONSTRAINT "
            + check
            + " CHECK ("
            + col.name()
            + " IS NOT NULL) NOT VALID; in a later migration VALIDATE CONSTRAINT "
            + check
            + "; then SET NOT NULL (PostgreSQL 12+ skips the scan when a valid CHECK proves it)"
            + " and drop the CHECK.");
  }

  // --- blocking-lock and missing-lock-timeout ---------------------------------------------------

  private void blockingLocks() {
    if (step.locks.lockTimeout().isPresent()) {
      return; // a brief lock, or the migration fails fast instead of queueing every query
    }
    List<String> explainedHere = new ArrayList<>();
    for (Held h : step.locks.held()) {
      if (h.isIndex() || !populated(h) || !h.mode().blocksWrites()) {
        continue;
      }
      if (explained.containsKey(h.qualifiedName())) {
        explainedHere.add(h.qualifiedName() + " (" + h.mode() + ")");
        continue;
      }
      Optional<Statement> s = statements().first(h.name(), x -> !x.startsWith("SELECT"));
      warn(
          Rule.BLOCKING_LOCK,
          "table " + h.qualifiedName(),
          step.label
              + " holds "
              + h.mode()
              + " on table "
              + h.qualifiedName()
              + " ("
              + rows(h.rowsBefore())
              + ")"
              + at(s)
              + ", which blocks "
              + h.mode().blocks()
              + held
              + "; with no lock_timeout set, it first waits behind any running query on the table,"
              + " and every query after it waits too",
          "Set a lock timeout at the top of the migration (SET lock_timeout = '5s'), so that it"
              + " fails fast and can be retried instead of queueing the application's queries;"
              + " keep the migration to this one statement.");
    }
    if (!explainedHere.isEmpty()) {
      warn(
          Rule.MISSING_LOCK_TIMEOUT,
          "migration " + step.label,
          step.label
              + " takes locks that block the application on "
              + String.join(", ", explainedHere)
              + " with no lock_timeout set: before it even starts, it waits behind any running"
              + " query on those tables, and every query after it waits too",
          "Set a lock timeout at the top of the migration (SET lock_timeout = '5s'), so that it"
              + " fails fast and can be retried instead of queueing the application's queries.");
    }
  }
}
