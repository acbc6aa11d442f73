package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;

/**
 * One migration on its way through the walk's stages ({@link StepObserver}): each stage reads what
 * the earlier ones left here and adds what it produced. Made by the seed stage, turned into a
 * {@link io.github.cofferdam.junit.StepResult} by the record stage, then dropped.
 */
final class Step {

  /** The migration. */
  final MigrationInfo migration;

  /** {@code V3 (add orders)}: how messages name it. */
  final String label;

  /** Its script's text; empty for a Java migration. */
  final Optional<String> text;

  /** The state before it ran (after seeds). */
  final TrackedSnapshot before;

  /** What it inserted into, updated or deleted from. */
  final DmlRecorder dml;

  /** Whether seeds ran in its transaction before it. */
  final boolean seeded;

  /**
   * Whether its statements end or start a transaction themselves ({@code COMMIT}, {@code BEGIN}):
   * what it did before them is committed, so only a whole capture sees it.
   */
  final boolean transactionControl;

  private long started = System.nanoTime();

  /** How long it took to apply (with the capture, when they went in one round trip). */
  Duration apply;

  /** The capture after it: the new state, its schema changes, what was dropped. */
  Inspector.Captured captured;

  /** The data diff from {@link #before} to the state it left. */
  DataDiff dataDiff;

  /** What it locked and rewrote ({@link Locks}). */
  Locks.Observed locks = Locks.NOTHING;

  /** How long the replay took (zero when it was not replayed). */
  Duration replay = Duration.ZERO;

  /**
   * The state the walk goes on from, when not the one {@link #captured} (a second run outside a
   * transaction cannot be rolled back).
   */
  TrackedSnapshot continuesFrom;

  /** The rules' findings, as the rules gave them; then as the policy judged them. */
  Checks checks;

  List<Finding> findings = List.of();

  Step(
      MigrationInfo migration,
      Optional<String> text,
      TrackedSnapshot before,
      DmlRecorder dml,
      boolean seeded,
      boolean transactionControl) {
    this.migration = migration;
    this.label = MigrationWalker.label(migration);
    this.text = text;
    this.before = before;
    this.dml = dml;
    this.seeded = seeded;
    this.transactionControl = transactionControl;
    this.deallocates =
        text.map(t -> MigrationWalker.mentions(t, "deallocate", "discard")).orElse(true);
  }

  /** The migration starts now (after its seeds and the statistics read before it). */
  void start() {
    started = System.nanoTime();
  }

  /** Since the migration started (after its seeds). */
  Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** The catalog before the migration. */
  CatalogSnapshot was() {
    return before.snapshot();
  }

  /** The catalog after the migration. */
  CatalogSnapshot after() {
    return captured.snapshot().snapshot();
  }

  /**
   * Whether the tables it wrote to are known: not when it committed on the way (a transaction of
   * its own, or none), since PostgreSQL counts writes per transaction.
   */
  boolean writesKnown() {
    return inTransaction && !transactionControl;
  }

  /** Whether it ran inside a transaction (not {@code executeInTransaction=false}). */
  boolean inTransaction = true;

  /**
   * Whether the script may drop the session's prepared statements ({@code DEALLOCATE}, {@code
   * DISCARD}; a word match, comments too), Cofferdam's among them: a Java migration cannot be read,
   * so after one the server is asked which are left.
   */
  boolean deallocates() {
    return deallocates;
  }

  private final boolean deallocates;
}
