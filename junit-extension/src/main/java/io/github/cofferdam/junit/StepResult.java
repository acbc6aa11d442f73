package io.github.cofferdam.junit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one migration during the walk.
 *
 * @param version the migration version, or {@code null} for a repeatable migration
 * @param description the migration description as Flyway reports it
 * @param script the script Flyway ran (a path relative to its location, or a class name)
 * @param checksum Flyway's checksum of the migration, or {@code null} when it has none
 * @param type Flyway's migration type ({@code SQL}, {@code JDBC}, ...)
 * @param duration how long applying the migration took
 * @param outcome whether it was applied
 * @param failure why it failed, when {@link #outcome()} is {@link Outcome#FAILED}
 * @since 0.1.0
 */
public record StepResult(
    String version,
    String description,
    String script,
    Integer checksum,
    String type,
    Duration duration,
    Outcome outcome,
    Optional<MigrationFailure> failure) {

  /** Validates the components. */
  public StepResult {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(failure, "failure");
    if ((outcome == Outcome.FAILED) != failure.isPresent()) {
      throw new IllegalArgumentException("a failure is given exactly when the outcome is FAILED");
    }
  }

  /** Whether this is a repeatable migration (it has no version). */
  public boolean repeatable() {
    return version == null;
  }

  /**
   * A short, stable label for reports and test names: {@code V7 orders status} or {@code R order
   * summary}.
   */
  public String label() {
    return (repeatable() ? "R" : "V" + version) + " " + description;
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
}
