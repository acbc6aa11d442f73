package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.Locking;
import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The safety walk: every migration applied once, each inside its own transaction, and moved there
 * through the stages of a step ({@link StepObserver}: seed, capture, diff, replay, rules, policy,
 * record, workflows). The migrations are applied by the walk's own loop where it cannot differ from
 * {@code flyway migrate()}, by {@code flyway migrate()} otherwise ({@link MigrationWalker}).
 *
 * <p>A migration that runs outside a transaction ({@code executeInTransaction=false}) cannot be
 * replayed under a savepoint; it is applied and checked, but not replayed.
 */
public final class SafetyWalk {

  /**
   * What surrounds the walk.
   *
   * @param verify for Cofferdam's own tests: a full snapshot (and a whole rpc-drift computation)
   *     after every step, failing if the incremental ones differ
   * @param undo whether undo round trips run
   */
  record Setup(Policy policy, Seeds seeds, Workflows workflows, boolean verify, UndoMode undo) {}

  private final DataSource dataSource;
  private final MigrationWalker walker;
  private Setup setup;

  /** A safety walk over one database. */
  public SafetyWalk(
      DataSource dataSource,
      MigrationWalker walker,
      Policy policy,
      Seeds seeds,
      Workflows workflows) {
    this.dataSource = dataSource;
    this.walker = walker;
    this.setup = new Setup(policy, seeds, workflows, false, UndoMode.AUTO);
  }

  /**
   * A walk with nothing set up around it: no policy (every rule at its default severity), no seeds,
   * no workflows. For Cofferdam's own tests and benchmarks.
   */
  public static SafetyWalk bare(DataSource dataSource, MigrationWalker walker) {
    return new SafetyWalk(
        dataSource,
        walker,
        new Policy(Map.of(), null, List.of()),
        Seeds.NONE,
        new Workflows(List.of()));
  }

  /**
   * For tests of Cofferdam itself: also take a full snapshot after every step and fail if the
   * incremental capture differs from it.
   */
  public SafetyWalk verifyingIncrementalCapture() {
    setup = new Setup(setup.policy(), setup.seeds(), setup.workflows(), true, setup.undo());
    return this;
  }

  /** Undo round trips as the key {@code cofferdam.undo} says (default {@link UndoMode#AUTO}). */
  public SafetyWalk undo(UndoMode mode) {
    setup = new Setup(setup.policy(), setup.seeds(), setup.workflows(), setup.verify(), mode);
    return this;
  }

  /**
   * Walks every migration of the plan, stopping at the first that fails to apply.
   *
   * @throws IllegalStateException when a seed fails or a {@code cofferdam:allow} comment is
   *     malformed (a problem of the test setup, not of a migration)
   */
  public List<StepResult> walk(MigrationWalker.Plan plan) {
    return walk(plan, plan.pending().size());
  }

  /** Walks the first {@code count} migrations of the plan; the later ones stay hidden. */
  public List<StepResult> walk(MigrationWalker.Plan plan, int count) {
    try (Inspector inspector = new Inspector(dataSource, plan.historyTable(), setup.verify())) {
      StepObserver observer = new StepObserver(setup, inspector, plan);
      Optional<MigrationWalker.Failed> failed = walker.migrateAll(plan, count, observer);
      List<StepResult> steps = new ArrayList<>(observer.steps());
      if (observer.problem().isPresent()) {
        if (!(observer.problem().get() instanceof SeedFailure)) {
          throw observer.problem().get();
        }
        // a seed stopped the walk: its migration is the failed step, and the run has a report
        SeedFailure seed = (SeedFailure) observer.problem().get();
        steps.add(failedStep(seed.migration(), seed.failure(), observer));
        return List.copyOf(steps);
      }
      failed.ifPresent(f -> steps.add(failedStep(plan, count, f, observer)));
      return List.copyOf(steps);
    } catch (SQLException e) {
      throw new IllegalStateException("the safety walk lost its database connection: " + e, e);
    }
  }

  /** The step of the migration that failed to apply: nothing changed, nothing judged. */
  private StepResult failedStep(
      MigrationWalker.Plan plan, int count, MigrationWalker.Failed f, StepObserver observer) {
    List<StepResult> done = observer.steps();
    MigrationInfo m =
        f.migration() != null
            ? f.migration()
            : plan.pending().get(Math.min(done.size(), count - 1));
    return failedStep(m, MigrationWalker.explain(m, f.error(), observer.labels()), observer);
  }

  /** The step of a migration that did not apply: nothing changed, nothing judged. */
  private StepResult failedStep(MigrationInfo m, MigrationFailure failure, StepObserver observer) {
    CatalogSnapshot state = observer.previous().snapshot();
    return result(
        m,
        StepResult.Timings.applyOnly(observer.sinceStart()),
        StepResult.Outcome.FAILED,
        Optional.of(failure),
        List.of(),
        state,
        SchemaDiff.between(state, state),
        DataDiff.between(state, state),
        Locking.NOT_OBSERVED,
        setup.policy());
  }

  /** A step's result, from what its stages produced. */
  static StepResult result(
      MigrationInfo m,
      StepResult.Timings timings,
      StepResult.Outcome outcome,
      Optional<MigrationFailure> failure,
      List<Finding> findings,
      CatalogSnapshot before,
      SchemaDiff schemaDiff,
      DataDiff dataDiff,
      Locking locking,
      Policy policy) {
    return new StepResult(
        m.getVersion() == null ? null : m.getVersion().getVersion(),
        m.getDescription(),
        m.getScript(),
        m.getChecksum(),
        m.getType().name(),
        timings,
        outcome,
        failure,
        findings,
        unchecked(before),
        schemaDiff,
        dataDiff,
        policy.inBaseline(m),
        locking);
  }

  /** Tables that were empty when the migration ran: the data checks could not bite on them. */
  private static List<String> unchecked(CatalogSnapshot before) {
    return before.data().stream()
        .filter(d -> d.rowCount() == 0)
        .map(CatalogSnapshot.TableData::qualifiedName)
        .collect(Collectors.toList());
  }
}
