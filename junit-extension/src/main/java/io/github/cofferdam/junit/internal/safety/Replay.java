package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.internal.StepDataDiff;
import io.github.cofferdam.junit.internal.flyway.DirectMigrate;
import io.github.cofferdam.junit.internal.flyway.FlywayInternals;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.flyway.ReplayScript;
import io.github.cofferdam.junit.internal.flyway.Scripts;
import io.github.cofferdam.junit.internal.flyway.TransactionControl;
import io.github.cofferdam.junit.internal.flyway.WalkConnection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.MigrationExecutor;

/**
 * The replay stage: the migration a second time, under a savepoint, compared with the state it
 * left, then rolled back, so that the walk goes on from the migration applied once.
 *
 * <p>Its statements as Flyway parsed them (placeholders replaced) go in one round trip with the
 * savepoint and the change query ({@link ReplayScript}); Flyway's own executor runs them, statement
 * by statement, when they cannot travel as one text, when callbacks want each statement, or to
 * explain a failure. The rollback is held for the next round trip ({@link WalkConnection#hold}).
 */
final class Replay {

  private static final String SAVEPOINT = "cofferdam_replay";

  /** What a replay that read no table again did to the data, as far as its check is concerned. */
  private static final DataDiff NO_DATA_CHANGES = new DataDiff(List.of());

  private final Inspector inspector;
  private final WalkConnection link;

  private final Scripts scripts;

  Replay(Inspector inspector, Scripts scripts) {
    this.inspector = inspector;
    this.link = inspector.link();
    this.scripts = scripts;
  }

  /**
   * Replays the step's migration and adds what the replay found to its checks: under a savepoint
   * when it ran in a transaction (its own {@code COMMIT}s and {@code ROLLBACK}s made savepoints
   * that do what they would on a second run: {@link TransactionControl#asSavepoints}); as a real
   * second run when it ran outside one ({@code executeInTransaction=false}, {@code CREATE INDEX
   * CONCURRENTLY}): nothing can be undone there, so the walk goes on from the state that second run
   * left.
   *
   * @param eachStatement whether someone wants to see each statement (Flyway's executor runs them)
   * @param labels the labels of the migrations applied so far, for failure messages
   */
  void run(Step step, Configuration configuration, boolean eachStatement, List<String> labels)
      throws SQLException {
    MigrationExecutor executor = executor(step.migration);
    if (!step.inTransaction) {
      secondRun(step, executor, configuration, labels);
      return;
    }
    Optional<String> joined =
        step.transactionControl
            ? scripts.joined(step.migration).map(TransactionControl::asSavepoints)
            : eachStatement ? Optional.empty() : scripts.joined(step.migration);
    if (step.transactionControl && joined.isEmpty()) {
      return; // Flyway's executor would end the transaction that holds the savepoint
    }
    DmlRecorder dml = step.dml.next();
    Sent sent = joined.isPresent() ? sendAtOnce(step, joined.get(), dml) : savepointOnly();
    if (sent.error() != null && step.transactionControl) { // the executor would run the COMMIT
      step.checks.replayFailed(
          MigrationWalker.explain(
              step.migration,
              new FlywayException(sent.error().getMessage(), sent.error()),
              labels));
      undo();
      return;
    }
    Inspector.Captured replayed = sent.captured();
    Optional<FlywayException> failure =
        sent.ran() ? Optional.empty() : execute(executor, configuration);
    if (step.deallocates()) { // even when the replay failed after its DEALLOCATE
      inspector.forgetPreparedStatements();
    }
    if (failure.isPresent()) {
      step.checks.replayFailed(MigrationWalker.explain(step.migration, failure.get(), labels));
    } else {
      if (replayed == null) {
        replayed = inspector.captureSince(step.captured.snapshot(), dml, true, null, false);
      }
      compare(step, replayed, dml);
    }
    undo();
  }

  /**
   * What sending the replay at once did.
   *
   * @param ran whether the statements ran (else Flyway's executor runs them, after the savepoint)
   * @param captured the capture sent with them, if it was
   * @param error why they failed (rolled back to the savepoint), if they did
   */
  private record Sent(boolean ran, Inspector.Captured captured, SQLException error) {}

  /**
   * One round trip: the savepoint, every statement and, unless the migration may drop prepared
   * statements, the change query after them. A failure is rolled back to the savepoint, so that
   * Flyway's executor can run them again and tell which statement failed, at which line, and why.
   */
  private Sent sendAtOnce(Step step, String joined, DmlRecorder dml) throws SQLException {
    String script = "SAVEPOINT " + SAVEPOINT + ";\n" + joined;
    try {
      if (step.deallocates()) {
        link.execute(script);
        return new Sent(true, null, null);
      }
      return new Sent(
          true, inspector.captureSince(step.captured.snapshot(), dml, true, script, false), null);
    } catch (SQLException e) {
      try {
        link.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
      } catch (SQLException noSavepoint) {
        throw e; // the savepoint itself failed: the transaction is lost
      }
      return new Sent(false, null, e);
    }
  }

  private Sent savepointOnly() throws SQLException {
    link.execute("SAVEPOINT " + SAVEPOINT);
    return new Sent(false, null, null);
  }

  /** Back to the state the migration left, with the next statements on the connection. */
  private void undo() {
    link.hold("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
  }

  /**
   * The migration a second time outside a transaction, as Flyway's executor runs it (statement by
   * statement, each committed), compared with what the first run left.
   */
  private void secondRun(
      Step step, MigrationExecutor executor, Configuration configuration, List<String> labels)
      throws SQLException {
    Optional<FlywayException> failure = execute(executor, configuration);
    if (step.deallocates()) {
      inspector.forgetPreparedStatements();
    }
    if (failure.isPresent()) {
      step.checks.replayFailed(MigrationWalker.explain(step.migration, failure.get(), labels));
      step.continuesFrom = inspector.snapshot(); // what the failed statement left is committed
      return;
    }
    DmlRecorder dml = step.dml.next();
    Inspector.Captured replayed =
        inspector.captureSince(step.captured.snapshot(), dml, true, null, true);
    compare(step, replayed, dml);
    step.continuesFrom = replayed.snapshot();
  }

  /** Flyway's executor of a migration. */
  static MigrationExecutor executor(MigrationInfo m) {
    MigrationExecutor executor = FlywayInternals.executor(m);
    if (executor == null) {
      throw new IllegalStateException(MigrationWalker.label(m) + " has no executor of Flyway's");
    }
    return executor;
  }

  private Optional<FlywayException> execute(MigrationExecutor executor, Configuration config) {
    try {
      executor.execute(DirectMigrate.executionContext(config, link.settled()));
      return Optional.empty();
    } catch (FlywayException e) {
      return Optional.of(e);
    } catch (SQLException e) {
      return Optional.of(new FlywayException(e.getMessage(), e));
    } catch (RuntimeException e) {
      return Optional.of(new FlywayException(String.valueOf(e.getMessage()), e));
    }
  }

  private static void compare(Step step, Inspector.Captured replayed, DmlRecorder dml) {
    TrackedSnapshot after = step.captured.snapshot();
    CatalogSnapshot state = replayed.snapshot().snapshot();
    step.checks.replayChanged(
        replayed.changes(),
        // no table read again (the same list): nothing to compare, table by table
        state.data() == after.snapshot().data()
            ? NO_DATA_CHANGES
            : StepDataDiff.between(after.snapshot(), state, step.dataDiff),
        dml.inserted(),
        dml.updated());
  }
}
