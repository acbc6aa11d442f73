package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.diff.TableDataChange;
import io.github.cofferdam.junit.Rule;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.flyway.Scripts;
import io.github.cofferdam.junit.internal.flyway.SqlStates;
import io.github.cofferdam.junit.internal.flyway.WalkConnection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The undo stage, for a migration V that has an undo script ({@code U<version>__…sql}, Flyway's
 * naming; Cofferdam runs it itself, since Flyway Community does not): after V's replay, under a
 * savepoint, the undo runs and must give back the schema and the data before V; then V runs again
 * and must give the state after V. Everything is rolled back, so the walk goes on from V applied
 * once. The undo script is sent as it is (no placeholders).
 */
final class Undo {

  private static final Pattern NAME = Pattern.compile("U([0-9][0-9._]*)__.*\\.sql");
  private static final String SAVEPOINT = "cofferdam_undo";

  /** Back to the state the migration left, and the savepoint gone. */
  private static final String UNDO_ROLLBACK =
      "ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT;

  private final Map<MigrationVersion, LoadableResource> scripts;
  private final Inspector inspector;
  private final WalkConnection link;
  private final Scripts migrations;

  private Undo(
      Map<MigrationVersion, LoadableResource> scripts, Inspector inspector, Scripts migrations) {
    this.scripts = scripts;
    this.inspector = inspector;
    this.link = inspector.link();
    this.migrations = migrations;
  }

  /**
   * The undo scripts in the plan's locations, by the version they undo; none when the mode is off.
   *
   * @throws IllegalStateException when the mode is on and there is no undo script at all
   */
  static Undo of(MigrationWalker.Plan plan, Inspector inspector, UndoMode mode) {
    Map<MigrationVersion, LoadableResource> scripts = new LinkedHashMap<>();
    if (mode != UndoMode.OFF) {
      for (LoadableResource r : plan.resources().getResources("U", new String[] {".sql"})) {
        Matcher m = NAME.matcher(r.getFilename());
        if (m.matches()) {
          scripts.put(MigrationVersion.fromVersion(m.group(1).replace('_', '.')), r);
        }
      }
    }
    if (mode == UndoMode.ON && scripts.isEmpty()) {
      throw new IllegalStateException(noUndoScript(plan));
    }
    return new Undo(scripts, inspector, plan.scripts());
  }

  /** Why a walk with {@code cofferdam.undo=on} cannot start: there is nothing to undo with. */
  private static String noUndoScript(MigrationWalker.Plan plan) {
    String example =
        plan.pending().stream()
            .filter(m -> m.getVersion() != null)
            .map(m -> m.getScript().substring(m.getScript().lastIndexOf('/') + 1))
            .filter(file -> file.startsWith("V"))
            .reduce((first, later) -> later)
            .map(file -> " (for " + file + ": U" + file.substring(1) + ")")
            .orElse("");
    return "cofferdam.undo=on, but no migration has an undo script: put a"
        + " U<version>__<description>.sql beside the migration it undoes"
        + example
        + ", or set cofferdam.undo=auto (the default) to run the undo round trip only where an"
        + " undo script exists.";
  }

  private static final String UNDO_FIX =
      "Make the undo script reverse every change of the migration: drop what it adds (columns,"
          + " indexes, constraints, triggers), put back what it drops or changes, and keep the rows.";

  private static final String REDO_FIX =
      "Make the undo script leave nothing behind that the migration trips over when it runs"
          + " again (or make the migration idempotent).";

  private static final String REDO_DIFFERS_FIX =
      "Make the undo script give back what the migration reads as well (the position of a"
          + " sequence it draws from: SELECT setval(…); an object it skips when it exists), so that"
          + " applying the migration again gives the same state.";

  /**
   * One finding per difference between the expected and the actual state.
   *
   * @param what what did not give the expected state, and which state it is
   * @return whether there was a difference
   */
  private static boolean differences(
      Step step, CatalogSnapshot expected, CatalogSnapshot actual, String what, String fix) {
    int before = step.checks.findings().size();
    for (SchemaChange c : SchemaDiff.between(expected, actual).changes()) {
      step.checks.add(Rule.UNDO_INCOMPLETE, c.path(), what + ": " + c.summary(), fix);
    }
    for (TableDataChange t : DataDiff.between(expected, actual).changed()) {
      step.checks.add(
          Rule.UNDO_INCOMPLETE,
          "table " + t.table(),
          what + ": table " + t.table() + ": " + t.description(),
          fix);
    }
    return step.checks.findings().size() > before;
  }

  /** The SQLSTATE, its meaning and the server's one-line message (without its context lines). */
  private static String failure(SQLException e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return ", with SQLSTATE "
        + e.getSQLState()
        + " ("
        + SqlStates.meaning(e.getSQLState())
        + "): "
        + message.replaceFirst("^ERROR: ", "");
  }

  /** Undoes the step's migration and applies it again, adding what differs to its checks. */
  void run(Step step) throws SQLException {
    LoadableResource script =
        step.migration.getVersion() == null ? null : scripts.get(step.migration.getVersion());
    Optional<String> again = migrations.joined(step.migration);
    if (script == null || !step.inTransaction || step.transactionControl || again.isEmpty()) {
      return;
    }
    String name = script.getFilename();
    Inspector.Captured undone;
    try {
      undone =
          inspector.captureSince(
              step.captured.snapshot(),
              step.dml.next(),
              true,
              "SAVEPOINT " + SAVEPOINT + ";\n" + SqlFiles.text(script),
              false);
    } catch (SQLException e) {
      link.execute(UNDO_ROLLBACK);
      step.checks.add(
          Rule.UNDO_INCOMPLETE,
          "undo " + name,
          name + " fails after " + step.label + failure(e),
          "Make the undo script run on the state " + step.label + " leaves.");
      return;
    }
    CatalogSnapshot before = step.was();
    CatalogSnapshot afterUndo = undone.snapshot().snapshot();
    if (differences(
        step,
        before,
        afterUndo,
        name + " does not give back the state before " + step.label,
        UNDO_FIX)) {
      // what the migration does again on a wrong state says nothing new: fix the undo first
      link.hold(UNDO_ROLLBACK);
      return;
    }
    redo(step, name, undone, again.get());
    link.hold(UNDO_ROLLBACK);
  }

  /** The migration again, after its undo: it must give the state after it. */
  private void redo(Step step, String name, Inspector.Captured undone, String again) {
    try {
      Inspector.Captured redone =
          inspector.captureSince(undone.snapshot(), step.dml.next(), true, again, false);
      CatalogSnapshot after = step.after();
      CatalogSnapshot afterRedo = redone.snapshot().snapshot();
      differences(
          step,
          after,
          afterRedo,
          name
              + ", then "
              + step.migration.getScript()
              + " again, do not give the state after "
              + step.label,
          REDO_DIFFERS_FIX);
    } catch (SQLException e) {
      step.checks.add(
          Rule.UNDO_INCOMPLETE,
          "undo " + name,
          step.migration.getScript() + " fails when applied again after " + name + failure(e),
          REDO_FIX);
    }
  }
}
