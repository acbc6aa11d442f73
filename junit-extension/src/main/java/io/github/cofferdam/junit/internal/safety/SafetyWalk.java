package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.TrackedSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.DirectMigrate;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.flyway.ReplayScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * The safety walk, in one {@code flyway migrate()}: a callback does the work for each migration V
 * on V's own connection, inside V's transaction, where its changes are visible before they commit:
 *
 * <ol>
 *   <li>before V: seeds for V run; {@code before} is the previous step's {@code after} (or a new
 *       snapshot if seeds changed data); PostgreSQL's per-transaction statistics are read;
 *   <li>after V: {@code after} is photographed (only what V touched is captured again);
 *   <li>replay: under a savepoint, V runs a second time — its statements as Flyway parsed them
 *       (placeholders replaced), sent in one round trip with the savepoint ({@link ReplayScript});
 *       through Flyway's own executor, statement by statement, when they cannot be sent so, when
 *       callbacks want each statement, or to explain a failure; the result is compared with {@code
 *       after}, then rolled back to the savepoint, so the walk goes on from V applied once;
 *   <li>the rules run, the policy judges, and every critical workflow runs under a savepoint that
 *       is rolled back.
 * </ol>
 *
 * A migration that runs outside a transaction ({@code executeInTransaction=false}) cannot be
 * replayed under a savepoint; it is applied and checked, but not replayed.
 */
public final class SafetyWalk {

  private static final String REPLAY = "cofferdam_replay";

  /** What a replay that read no table again did to the data, as far as its check is concerned. */
  private static final DataDiff NO_DATA_CHANGES = new DataDiff(List.of());

  private final DataSource dataSource;
  private final MigrationWalker walker;
  private final Policy policy;
  private final Seeds seeds;
  private final Workflows workflows;
  private boolean verifyIncremental;

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
    this.verifyIncremental = true;
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
    try (Inspector inspector = new Inspector(dataSource, plan.historyTable(), verifyIncremental)) {
      Observer observer = new Observer(plan, inspector, inspector.snapshot());
      Optional<MigrationWalker.Failed> failed = walker.migrateAll(plan, count, observer);
      if (observer.problem != null) {
        throw observer.problem;
      }
      List<StepResult> steps = new ArrayList<>(observer.steps);
      failed.ifPresent(
          f -> {
            MigrationInfo m =
                f.migration() != null
                    ? f.migration()
                    : plan.pending().get(Math.min(observer.steps.size(), count - 1));
            steps.add(
                failedStep(m, MigrationWalker.explain(m, f.error(), observer.labels), observer));
          });
      return List.copyOf(steps);
    } catch (SQLException e) {
      throw new IllegalStateException("the safety walk lost its database connection: " + e, e);
    }
  }

  private StepResult failedStep(MigrationInfo m, MigrationFailure failure, Observer observer) {
    return new StepResult(
        version(m),
        m.getDescription(),
        m.getScript(),
        m.getChecksum(),
        m.getType().name(),
        StepResult.Timings.applyOnly(observer.sinceStart()),
        StepResult.Outcome.FAILED,
        Optional.of(failure),
        List.of(),
        unchecked(observer.previous.snapshot()),
        SchemaDiff.between(observer.previous.snapshot(), observer.previous.snapshot()),
        DataDiff.between(observer.previous.snapshot(), observer.previous.snapshot()),
        policy.inBaseline(m));
  }

  /** Does the walk's work around each migration, inside its transaction. */
  private final class Observer implements DirectMigrate.Observer {
    final MigrationWalker.Plan plan;
    final Inspector inspector;
    final List<StepResult> steps = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    TrackedSnapshot previous;
    TrackedSnapshot before;
    DmlRecorder dml;
    long started;
    Map<String, String> drift;
    RpcDrifts drifts;
    RuntimeException problem;

    Observer(MigrationWalker.Plan plan, Inspector inspector, TrackedSnapshot initial) {
      this.plan = plan;
      this.inspector = inspector;
      this.previous = initial;
    }

    /**
     * Whether something else may write in a migration's transaction before it runs: earlier
     * migrations of a group, the user's own Java callbacks (registered before ours), or SQL
     * callbacks ({@code beforeEachMigrate*.sql}) in the locations.
     */
    boolean othersWrite(Configuration flyway) {
      if (othersWrite == null) {
        othersWrite =
            flyway.isGroup()
                || flyway.getCallbacks().length > 1
                || MigrationWalker.hasSqlCallback(plan, flyway, Event.BEFORE_EACH_MIGRATE);
      }
      return othersWrite;
    }

    Boolean othersWrite;

    /**
     * Whether Flyway would call someone for each statement of a migration: the user's own Java
     * callbacks (registered before ours), or SQL callbacks such as {@code
     * beforeEachMigrateStatement.sql}. The replay then runs through Flyway's executor, statement by
     * statement, so that they are called as in a real run.
     */
    boolean statementCallbacks(Configuration flyway) {
      if (statementCallbacks == null) {
        statementCallbacks =
            flyway.getCallbacks().length > 1
                || MigrationWalker.hasSqlCallback(
                    plan,
                    flyway,
                    Event.BEFORE_EACH_MIGRATE_STATEMENT,
                    Event.AFTER_EACH_MIGRATE_STATEMENT);
      }
      return statementCallbacks;
    }

    Boolean statementCallbacks;

    /**
     * The function/table drifts of {@code before}: computed whole once, then kept up to date from
     * step to step.
     */
    Map<String, String> driftBefore() {
      if (drifts == null) {
        drifts = RpcDrifts.of(before.snapshot());
        drift = verified(drifts.current(), before.snapshot());
      }
      return drift;
    }

    /** The drifts of {@code after}. */
    Map<String, String> driftAfter(CatalogSnapshot after) {
      return verified(drifts.moveTo(after), after);
    }

    /** For tests of Cofferdam: the drifts kept up to date, checked against a whole computation. */
    private Map<String, String> verified(Map<String, String> kept, CatalogSnapshot snapshot) {
      if (verifyIncremental && !kept.equals(Checks.drift(snapshot))) {
        throw new IllegalStateException(
            "incremental rpc-drift differs from a whole computation:\nwhole: "
                + Checks.drift(snapshot)
                + "\nincremental: "
                + kept);
      }
      return kept;
    }

    Duration sinceStart() {
      return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The data diff of the last step applied. */
    DataDiff lastDataDiff;

    /** Whether seeds ran before the current migration (its transaction holds their writes). */
    boolean seeded;

    /** Whether the walk's own loop applies the migrations ({@link DirectMigrate}). */
    boolean ownLoop;

    @Override
    public void appliedByTheWalk() {
      ownLoop = true;
    }

    @Override
    public void handedToFlyway() {
      ownLoop = false; // flyway migrate() goes on with the connection after each migration
    }

    @Override
    public String statementsBeforeCommit() {
      return inspector.takeDeferred();
    }

    @Override
    public boolean nothingWrittenBefore() {
      return !seeded;
    }

    /** The capture after the current migration, when it came back with its statements. */
    Inspector.Captured capturedWithApply;

    @Override
    public boolean appliedWithFollowUp(Context context, String statements) throws SQLException {
      Optional<String> text = MigrationWalker.text(plan, context.getMigrationInfo());
      if (text.map(SafetyWalk::deallocates).orElse(true)) {
        return false; // the change query would find its prepared statement gone
      }
      try {
        inspector.on(context.getConnection());
        capturedWithApply = inspector.captureSince(before, dml, false, statements);
        return true;
      } catch (RuntimeException e) {
        throw stopped(e);
      }
    }

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
      try {
        inspector.on(context.getConnection());
        if (event == Event.BEFORE_EACH_MIGRATE) {
          before(context);
        } else {
          after(context);
        }
      } catch (RuntimeException e) {
        throw stopped(e);
      } catch (SQLException e) {
        problem = new IllegalStateException("the safety walk failed: " + e.getMessage(), e);
        throw new FlywayException(problem.getMessage(), e);
      }
    }

    /** Keeps what stopped the walk (thrown once the loop returns) and tells the loop to stop. */
    private FlywayException stopped(RuntimeException e) {
      problem =
          e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
      return new FlywayException("the walk stopped: " + e.getMessage(), e);
    }

    private void before(Context context) throws SQLException {
      MigrationInfo m = context.getMigrationInfo();
      boolean seeded;
      try {
        seeded = seeds.before(m, context.getConnection());
        if (seeded) {
          previous = inspector.snapshot();
        }
      } catch (SQLException | RuntimeException e) {
        throw new IllegalStateException(
            "seeding before " + MigrationWalker.label(m) + " failed: " + e.getMessage(), e);
      } catch (Exception e) {
        throw new IllegalStateException(
            "seeding before " + MigrationWalker.label(m) + " failed: " + e, e);
      }
      this.seeded = seeded;
      capturedWithApply = null;
      before = previous;
      dml = new DmlRecorder();
      inspector.begin(dml, seeded || othersWrite(context.getConfiguration()));
      started = System.nanoTime();
    }

    private void after(Context context) throws SQLException {
      Duration apply = sinceStart();
      MigrationInfo m = context.getMigrationInfo();
      String label = MigrationWalker.label(m);
      Optional<String> text = MigrationWalker.text(plan, m);
      List<Policy.Allowance> comments =
          text.map(t -> Policy.fromComments(m.getScript(), t)).orElse(List.of());
      // DEALLOCATE or DISCARD drop the session's prepared statements, Cofferdam's among them; a
      // Java migration cannot be read: after one, the server is asked which are left
      boolean deallocates = text.map(SafetyWalk::deallocates).orElse(true);
      if (deallocates) {
        inspector.forgetPreparedStatements();
      }
      long checksStarted = System.nanoTime();
      // with the migration's statements when they were sent together (the walk's own loop)
      Inspector.Captured captured =
          capturedWithApply != null
              ? capturedWithApply
              : inspector.captureSince(before, dml, false);
      capturedWithApply = null;
      TrackedSnapshot tracked = captured.snapshot();
      CatalogSnapshot after = tracked.snapshot();
      CatalogSnapshot was = before.snapshot();
      List<Inspector.Dropped> dropped = captured.dropped();
      SchemaDiff schemaDiff = captured.changes();
      // entries of tables unchanged since the last step are the last step's: one per table for the
      // whole walk, not one per table and step
      DataDiff dataDiff = DataDiff.between(was, after, lastDataDiff);
      lastDataDiff = dataDiff;
      Checks checks = new Checks(m.getScript(), label);

      long replayStarted = System.nanoTime();
      Connection c = context.getConnection();
      if (!c.getAutoCommit()) {
        replay(context, m, tracked, dataDiff, dml, checks, deallocates);
      }
      Duration replayTime = Duration.ofNanos(System.nanoTime() - replayStarted);

      checks.dataLoss(dataDiff);
      checks.dataChanged(was, after, dataDiff, dml.touched(), inspector);
      checks.objectLost(schemaDiff, dropped, inspector.watchingDrops());
      checks.constraintNarrowed(schemaDiff, after, inspector);
      // drift depends only on functions and table columns: nothing else can start one
      if (schemaDiff.changes().stream()
          .anyMatch(
              ch ->
                  ch.kind().equals("function")
                      || ch.kind().equals("column")
                      || ch.kind().equals("table"))) {
        Map<String, String> drifted = driftBefore();
        drift = driftAfter(after);
        checks.rpcDrift(drifted, drift, after);
      }
      List<Finding> findings = sortByRule(policy.judge(m, comments, checks.findings()));
      Duration checksTime = Duration.ofNanos(System.nanoTime() - checksStarted).minus(replayTime);

      steps.add(
          new StepResult(
              version(m),
              m.getDescription(),
              m.getScript(),
              m.getChecksum(),
              m.getType().name(),
              new StepResult.Timings(apply, replayTime, checksTime),
              StepResult.Outcome.APPLIED,
              Optional.empty(),
              findings,
              unchecked(was),
              schemaDiff,
              dataDiff,
              policy.inBaseline(m)));
      labels.add(label);
      previous = tracked;
      if (!ownLoop || !workflows.isEmpty()) {
        inspector.flush(); // flyway migrate() goes on with the connection, or a workflow does
      }
      workflows.afterEach(m, label, c);
    }

    /**
     * V a second time, under a savepoint, with Flyway's own executor; compared with {@code after},
     * then rolled back.
     */
    private void replay(
        Context context,
        MigrationInfo m,
        TrackedSnapshot after,
        DataDiff toAfter,
        DmlRecorder dml,
        Checks checks,
        boolean deallocates)
        throws SQLException {
      Connection c = context.getConnection();
      MigrationExecutor executor = ((MigrationInfoImpl) m).getResolvedMigration().getExecutor();
      DmlRecorder replayDml = dml.next();
      Optional<String> joined =
          statementCallbacks(context.getConfiguration())
              ? Optional.empty()
              : ReplayScript.joined(executor);
      boolean sent = false;
      Inspector.Captured replayed = null;
      if (joined.isPresent()) {
        // one round trip: the savepoint, every statement of V and, unless V may drop prepared
        // statements, the change query after them
        String script = "SAVEPOINT " + REPLAY + ";\n" + joined.get();
        try {
          if (deallocates) {
            try (Statement s = c.createStatement()) {
              s.setEscapeProcessing(false); // as Flyway's executor sends them
              s.execute(script);
            }
          } else {
            replayed = inspector.captureSince(after, replayDml, true, script);
          }
          sent = true;
        } catch (SQLException e) {
          // back to the savepoint (if it was made), and again through Flyway's executor below,
          // which tells which statement failed, at which line, and why
          try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK TO SAVEPOINT " + REPLAY);
          } catch (SQLException noSavepoint) {
            throw e; // the savepoint itself failed: the transaction is lost
          }
        }
      } else {
        try (Statement s = c.createStatement()) {
          s.execute("SAVEPOINT " + REPLAY);
        }
      }
      Optional<FlywayException> failure = Optional.empty();
      if (!sent) {
        try {
          executor.execute(
              DirectMigrate.executionContext(context.getConfiguration(), context.getConnection()));
        } catch (FlywayException e) {
          failure = Optional.of(e);
        } catch (SQLException e) {
          failure = Optional.of(new FlywayException(e.getMessage(), e));
        } catch (RuntimeException e) {
          failure = Optional.of(new FlywayException(String.valueOf(e.getMessage()), e));
        }
      }
      if (deallocates) { // even when the replay failed after its DEALLOCATE
        inspector.forgetPreparedStatements();
      }
      if (failure.isPresent()) {
        rollbackReplay();
        checks.replayFailed(MigrationWalker.explain(m, failure.get(), labels));
      } else {
        if (replayed == null) {
          replayed = inspector.captureSince(after, replayDml, true);
        }
        CatalogSnapshot state = replayed.snapshot().snapshot();
        checks.replayChanged(
            replayed.changes(),
            // no table read again (the same list): nothing to compare, table by table
            state.data() == after.snapshot().data()
                ? NO_DATA_CHANGES
                : DataDiff.between(after.snapshot(), state, toAfter),
            replayDml.inserted(),
            replayDml.updated());
        rollbackReplay();
      }
    }

    /**
     * Back to the state V left: sent with the next statements on the connection (a probe of the
     * checks, a workflow, or the walk's own loop writing V's history row), one round trip fewer.
     */
    private void rollbackReplay() {
      inspector.defer("ROLLBACK TO SAVEPOINT " + REPLAY + "; RELEASE SAVEPOINT " + REPLAY);
    }

    @Override
    public String getCallbackName() {
      return "cofferdam-safety-walk";
    }
  }

  /** Whether a script may drop the session's prepared statements (a word match, comments too). */
  static boolean deallocates(String script) {
    return MigrationWalker.mentions(script, "deallocate", "discard");
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
}
