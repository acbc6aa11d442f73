package io.github.cofferdam.junit;

import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.junit.internal.flyway.SourceFiles;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What happened to one migration during the walk: whether it applied, how its replay went, what
 * changed, and what the safety checks found.
 *
 * @param version the migration version, or {@code null} for a repeatable migration
 * @param description the migration description as Flyway reports it
 * @param script the script Flyway ran (a path relative to its location, or a class name)
 * @param checksum Flyway's checksum of the migration, or {@code null} when it has none
 * @param type Flyway's migration type ({@code SQL}, {@code JDBC}, ...)
 * @param timings how long applying, replaying and checking took
 * @param outcome whether it was applied
 * @param failure why it failed, when {@link #outcome()} is {@link Outcome#FAILED}
 * @param findings what the safety checks found, in rule order
 * @param uncheckedTables tables that were empty when the migration ran, so data checks could not
 *     bite on them
 * @param schemaDiff the schema changes the migration made
 * @param dataDiff the data changes the migration made
 * @param baseline whether the migration is at or before the baseline: reported, never failing
 * @param locking what the migration locked and rewrote, observed on the walk's database ({@link
 *     Locking#NOT_OBSERVED} for a migration that failed or ran outside a transaction)
 * @since 0.1.0
 */
public record StepResult(
    String version,
    String description,
    String script,
    Integer checksum,
    String type,
    Timings timings,
    Outcome outcome,
    Optional<MigrationFailure> failure,
    List<Finding> findings,
    List<String> uncheckedTables,
    SchemaDiff schemaDiff,
    DataDiff dataDiff,
    boolean baseline,
    Locking locking) {

  /** Validates and copies the components. */
  public StepResult {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(schemaDiff, "schemaDiff");
    Objects.requireNonNull(dataDiff, "dataDiff");
    Objects.requireNonNull(locking, "locking");
    findings = List.copyOf(findings);
    uncheckedTables = List.copyOf(uncheckedTables);
    if ((outcome == Outcome.FAILED) != failure.isPresent()) {
      throw new IllegalArgumentException("a failure is given exactly when the outcome is FAILED");
    }
  }

  /** The relations the migration held a lock on, with the strongest mode, sorted by name. */
  public List<Locking.Lock> locks() {
    return locking.locks();
  }

  /** The tables and indexes that existed before the migration and got a new storage file. */
  public List<Locking.Rewrite> rewrites() {
    return locking.rewrites();
  }

  /** How long applying the migration took. */
  public Duration duration() {
    return timings.apply();
  }

  /** Whether this is a repeatable migration (it has no version). */
  public boolean repeatable() {
    return version == null;
  }

  /**
   * A short, stable label for reports and test names: {@code V7 orders status} or {@code R order
   * summary}; for a migration of another tool's layout (see {@code docs/sources.md}) its own file
   * name, {@code 20240101120000_orders.sql}.
   */
  public String label() {
    return SourceFiles.label(version, description, script);
  }

  /** The findings that fail this migration: errors, not allowed, after the baseline. */
  public List<Finding> errors() {
    return baseline
        ? List.of()
        : findings.stream().filter(Finding::fails).collect(Collectors.toUnmodifiableList());
  }

  /** Whether the migration applied and no finding fails it. */
  public boolean safe() {
    return outcome == Outcome.APPLIED && errors().isEmpty();
  }

  /**
   * What became of a migration.
   *
   * @since 0.1.0
   */
  public enum Outcome {
    /** Applied without error. */
    APPLIED,
    /** Applying it failed; the walk stopped here. */
    FAILED
  }

  /**
   * Durations of a step.
   *
   * @param apply applying the migration once
   * @param replay applying it a second time and comparing
   * @param checks snapshots and safety checks
   * @since 0.1.0
   */
  public record Timings(Duration apply, Duration replay, Duration checks) {
    /** Only the apply time is known (the migration failed, or no checks ran). */
    public static Timings applyOnly(Duration apply) {
      return new Timings(apply, Duration.ZERO, Duration.ZERO);
    }
  }
}
