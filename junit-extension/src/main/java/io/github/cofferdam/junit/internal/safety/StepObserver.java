package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.internal.StepDataDiff;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.DirectMigrate;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.flyway.TransactionControl;
import io.github.cofferdam.junit.internal.flyway.WalkConnection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Moves each migration through the walk's stages, inside its transaction: <b>seed</b> (before it
 * runs), then, once it is applied, <b>capture</b>, <b>diff</b>, <b>locks</b> ({@link Locks}),
 * <b>replay</b>, <b>undo</b>, <b>rules</b>, <b>policy</b>, <b>record</b> and <b>workflows</b>. Each
 * stage is one method here, or a class of its own where it has more to do ({@link Replay}, {@link
 * Undo}, {@link Rules}, {@link Policy}, {@link Workflows}); the {@link Step} carries what each
 * produced.
 *
 * <p>The walk's own loop calls {@link #before} and {@link #applied}; {@code flyway migrate()} calls
 * the same stages as a Flyway callback ({@link #handle}).
 */
final class StepObserver implements DirectMigrate.Observer {

  private final SafetyWalk.Setup setup;
  private final Inspector inspector;
  private final WalkConnection link;
  private final MigrationWalker.Plan plan;
  private final Replay replay;
  private final Rules rules;
  private final Undo undo;
  private final List<StepResult> steps = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final Traits traits;
  private final Locks locks;

  /** The state the last step left (or the walk's first snapshot). */
  private TrackedSnapshot previous;

  /** The data diff of the last step: a new diff shares its entries of unchanged tables. */
  private DataDiff lastDataDiff;

  private Step step;
  private RuntimeException problem;

  StepObserver(SafetyWalk.Setup setup, Inspector inspector, MigrationWalker.Plan plan)
      throws SQLException {
    this.setup = setup;
    this.inspector = inspector;
    this.link = inspector.link();
    this.plan = plan;
    this.replay = new Replay(inspector, plan.scripts());
    this.rules =
        new Rules(
            new Probes(link), Repeatables.of(plan), inspector.watchingDrops(), setup.verify());
    this.traits = new Traits(plan);
    this.undo = Undo.of(plan, inspector, setup.undo());
    this.previous = inspector.snapshot();
    this.locks = new Locks(link);
  }

  @Override
  public WalkConnection connection() {
    return link;
  }

  /** The steps recorded so far. */
  List<StepResult> steps() {
    return List.copyOf(steps);
  }

  /** The labels of the migrations recorded so far. */
  List<String> labels() {
    return List.copyOf(labels);
  }

  /** The state the last step left. */
  TrackedSnapshot previous() {
    return previous;
  }

  /** What stopped the walk, if something did (a seed, the walk's own connection). */
  Optional<RuntimeException> problem() {
    return Optional.ofNullable(problem);
  }

  // --- the loop's protocol ----------------------------------------------------------------

  @Override
  public boolean before(Context context) {
    try {
      link.use(context.getConnection());
      seed(context);
      inspector.begin(step.dml, step.seeded || traits.othersWrite(context.getConfiguration()));
      step.start();
      return !step.seeded;
    } catch (SQLException e) {
      throw stopped(new IllegalStateException("the safety walk failed: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw stopped(e);
    }
  }

  @Override
  public void applied(Context context, String statements) throws SQLException {
    try {
      link.use(context.getConnection());
      capture(statements);
    } catch (SQLException e) {
      if (statements != null) {
        throw e; // the migration's own statements failed: the loop starts it again
      }
      throw stopped(new IllegalStateException("the safety walk failed: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw stopped(e);
    }
    try {
      check(context);
    } catch (SQLException e) {
      throw stopped(new IllegalStateException("the safety walk failed: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw stopped(e);
    }
  }

  // --- as a Flyway callback, under flyway migrate() ----------------------------------------

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    if (problem != null) {
      throw new FlywayException("the walk stopped: " + problem.getMessage());
    }
    if (event == Event.BEFORE_EACH_MIGRATE) {
      before(context);
      return;
    }
    try {
      applied(context, null);
    } catch (SQLException e) { // not thrown without statements of the migration
      throw stopped(new IllegalStateException(e.getMessage(), e));
    }
    link.flush(); // flyway migrate() goes on with the connection
  }

  @Override
  public String getCallbackName() {
    return "cofferdam-safety-walk";
  }

  // --- the stages ---------------------------------------------------------------------------

  /** Seed: the user's seeds for this migration, then its step, from the state before it. */
  private void seed(Context context) {
    MigrationInfo m = context.getMigrationInfo();
    boolean seeded;
    try {
      seeded = setup.seeds().before(m, link.settled());
      if (seeded) {
        previous = inspector.snapshot();
        locks.seeded();
      }
    } catch (SeedFailure e) {
      throw e;
    } catch (Exception e) {
      throw SeedFailure.of("The seeds", m, e, Optional.empty(), Optional.empty());
    }
    step =
        new Step(
            m, plan.scripts().text(m), previous, new DmlRecorder(), seeded, transactionControl(m));
  }

  /** Whether the migration's statements end or start a transaction themselves. */
  private boolean transactionControl(MigrationInfo m) {
    try {
      return TransactionControl.in(plan.scripts().joined(m));
    } catch (RuntimeException e) {
      return false; // not a migration Flyway resolved (a Java one, another Flyway)
    }
  }

  /**
   * Capture: the state the migration left, reading again only what it touched; with its statements
   * in the same round trip when the loop left them to send ({@code statements}).
   */
  private void capture(String statements) throws SQLException {
    if (statements != null && step.deallocates()) {
      link.execute(statements); // the change query would find its prepared statement gone
      statements = null;
    }
    if (statements == null) {
      step.apply = step.sinceStart();
    }
    if (step.deallocates()) {
      inspector.forgetPreparedStatements();
    }
    step.inTransaction = !link.unsettled().getAutoCommit();
    step.captured =
        inspector.captureSince(
            step.before,
            step.dml,
            false,
            statements,
            step.transactionControl,
            List.of(locks.query()));
    if (step.apply == null) {
      step.apply = step.sinceStart();
    }
  }

  /** Everything after the capture, in order. */
  private void check(Context context) throws SQLException {
    long checksStarted = System.nanoTime();
    diff();
    step.locks = locks.observe(step);
    step.checks = new Checks(step.migration.getScript(), step.label);
    long replayStarted = System.nanoTime();
    replay.run(
        step,
        context.getConfiguration(),
        traits.statementCallbacks(context.getConfiguration()),
        labels);
    undo.run(step);
    if (step.continuesFrom != null) {
      locks.reread(); // the second run committed what it did
    }
    step.replay = Duration.ofNanos(System.nanoTime() - replayStarted);
    rules.run(step);
    policy();
    Duration checks = Duration.ofNanos(System.nanoTime() - checksStarted).minus(step.replay);
    record(checks);
    workflows();
  }

  /**
   * Diff: the data diff to the state the migration left; entries of tables unchanged since the last
   * step are the last step's (one per table for the whole walk, not one per table and step).
   */
  private void diff() {
    step.dataDiff = StepDataDiff.between(step.was(), step.after(), lastDataDiff);
    lastDataDiff = step.dataDiff;
  }

  /** Policy: severities, the baseline, and allowances in comments and annotations. */
  private void policy() {
    List<Policy.Allowance> comments =
        step.text.map(t -> Policy.fromComments(step.migration.getScript(), t)).orElse(List.of());
    List<Finding> judged =
        new ArrayList<>(setup.policy().judge(step.migration, comments, step.checks.findings()));
    judged.sort(Comparator.comparing(Finding::rule));
    step.findings = judged;
  }

  /** Record: the step's result; the next step starts from the state this one left. */
  private void record(Duration checks) {
    steps.add(
        SafetyWalk.result(
            step.migration,
            new StepResult.Timings(step.apply, step.replay, checks),
            StepResult.Outcome.APPLIED,
            Optional.empty(),
            step.findings,
            step.was(),
            step.captured.changes(),
            step.dataDiff,
            step.locks.locking(),
            setup.policy()));
    labels.add(step.label);
    previous = step.continuesFrom != null ? step.continuesFrom : step.captured.snapshot();
  }

  /** Workflows: every critical workflow, under a savepoint that is rolled back. */
  private void workflows() throws SQLException {
    if (!setup.workflows().isEmpty()) { // settled() would send the held rollback alone
      setup.workflows().afterEach(step.migration, step.label, link.settled());
    }
  }

  /** Keeps what stopped the walk (thrown once the loop returns) and tells the loop to stop. */
  private FlywayException stopped(RuntimeException e) {
    problem = e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
    return new FlywayException("the walk stopped: " + e.getMessage(), e);
  }

  /** The time since the current migration started, for a step that failed. */
  Duration sinceStart() {
    return step == null ? Duration.ZERO : step.sinceStart();
  }
}
