package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The safety walk. For each migration V, in order: seeds for V; {@code before} (the schema at V's
 * predecessor, reused from the previous step unless seeds changed it); apply V; {@code after};
 * replay V exactly as Flyway would (its history row forgotten, {@code migrate()} again) and compare
 * with {@code after}; run the rules; judge the findings by the policy.
 */
public final class SafetyWalk {

  private final DataSource dataSource;
  private final MigrationWalker walker;
  private final Policy policy;
  private final Seeds seeds;
  private final Workflows workflows;

  private boolean verifyIncremental;

  /**
   * For tests of Cofferdam itself: also take a full snapshot after every step and fail if the
   * incremental capture differs from it.
   */
  public SafetyWalk verifyingIncrementalCapture() {
    this.verifyIncremental = true;
    return this;
  }

  /** A safety walk over one database. */
  public SafetyWalk(
      DataSource dataSource,
      MigrationWalker walker,
      Policy policy,
      Seeds seeds,
      Workflows workflows) {
    this.dataSource = dataSource;
    this.walker = walker;
    this.policy = policy;
    this.seeds = seeds;
    this.workflows = workflows;
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
    List<StepResult> steps = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try (Inspector inspector = new Inspector(dataSource, plan.historyTable(), verifyIncremental)) {
      CatalogSnapshot previous = inspector.snapshot();
      for (int i = 0; i < count; i++) {
        MigrationInfo m = plan.pending().get(i);
        List<Policy.Allowance> comments =
            MigrationWalker.text(plan, m)
                .map(text -> Policy.fromComments(m.getScript(), text))
                .orElse(List.of());
        try {
          if (seeds.before(m, inspector.connection())) {
            previous = inspector.snapshot();
          }
        } catch (Exception e) {
          throw new IllegalStateException(
              "seeding before " + MigrationWalker.label(m) + " failed: " + e.getMessage(), e);
        }
        CatalogSnapshot before = previous;
        inspector.takeDropped();

        DmlRecorder dml = new DmlRecorder();
        MigrationWalker.Applied applied = walker.apply(plan, i, labels, dml);
        if (!applied.ok()) {
          steps.add(failed(m, applied.duration(), applied.failure().orElseThrow(), before));
          break;
        }
        long checksStarted = System.nanoTime();
        CatalogSnapshot after = inspector.snapshotSince(before, dml.touched());
        List<Inspector.Dropped> dropped = inspector.takeDropped();
        SchemaDiff schemaDiff = SchemaDiff.between(before, after);
        DataDiff dataDiff = DataDiff.between(before, after);
        Checks checks = new Checks(m.getScript(), MigrationWalker.label(m));

        long replayStarted = System.nanoTime();
        inspector.forget(m.getScript());
        DmlRecorder replayDml = new DmlRecorder();
        MigrationWalker.Applied replay = walker.apply(plan, i, labels, replayDml);
        CatalogSnapshot state = after;
        if (!replay.ok()) {
          inspector.remember();
          checks.replayFailed(replay.failure().orElseThrow());
        } else {
          state = inspector.snapshotSince(after, replayDml.touched());
          checks.replayChanged(
              SchemaDiff.between(after, state),
              DataDiff.between(after, state),
              replayDml.inserted(),
              replayDml.updated());
        }
        inspector.takeDropped();
        Duration replayTime = Duration.ofNanos(System.nanoTime() - replayStarted);

        checks.dataLoss(dataDiff);
        checks.dataChanged(before, after, dataDiff, dml.touched(), inspector);
        checks.objectLost(schemaDiff, dropped, inspector.watchingDrops());
        checks.constraintNarrowed(schemaDiff, after, inspector);
        checks.rpcDrift(before, after);
        List<Finding> findings = sortByRule(policy.judge(m, comments, checks.findings()));

        Duration checksTime = Duration.ofNanos(System.nanoTime() - checksStarted).minus(replayTime);
        steps.add(
            new StepResult(
                version(m),
                m.getDescription(),
                m.getScript(),
                m.getChecksum(),
                m.getType().name(),
                new StepResult.Timings(applied.duration(), replayTime, checksTime),
                StepResult.Outcome.APPLIED,
                Optional.empty(),
                findings,
                unchecked(before),
                schemaDiff,
                dataDiff,
                policy.inBaseline(m)));
        labels.add(MigrationWalker.label(m));
        previous = state;
        workflows.afterEach(m, MigrationWalker.label(m));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the safety walk lost its database connection: " + e, e);
    }
    return List.copyOf(steps);
  }

  private static List<Finding> sortByRule(List<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(java.util.Comparator.comparingInt(f -> Finding.RULES.indexOf(f.rule())));
    return sorted;
  }

  /** Tables that were empty when the migration ran: the data checks could not bite on them. */
  private static List<String> unchecked(CatalogSnapshot before) {
    return before.data().stream()
        .filter(d -> d.rowCount() == 0)
        .map(CatalogSnapshot.TableData::qualifiedName)
        .collect(Collectors.toList());
  }

  private static String version(MigrationInfo m) {
    return m.getVersion() == null ? null : m.getVersion().getVersion();
  }

  private StepResult failed(
      MigrationInfo m, Duration duration, MigrationFailure failure, CatalogSnapshot before) {
    return new StepResult(
        version(m),
        m.getDescription(),
        m.getScript(),
        m.getChecksum(),
        m.getType().name(),
        StepResult.Timings.applyOnly(duration),
        StepResult.Outcome.FAILED,
        Optional.of(failure),
        List.of(),
        unchecked(before),
        SchemaDiff.between(before, before),
        DataDiff.between(before, before),
        policy.inBaseline(m));
  }
}
