package io.github.cofferdam.junit;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ordered result of walking the migrations of one test class.
 *
 * @param database the name of the database the walk ran in
 * @param server a description of the server (provider, PostgreSQL version), without credentials
 * @param steps one result per migration, in the order they were applied; a failed walk ends with
 *     the failed step
 * @param duration how long the whole walk took
 * @param workflows how each critical workflow fared across the migrations
 * @since 0.1.0
 */
public record MigrationRun(
    String database,
    String server,
    List<StepResult> steps,
    Duration duration,
    List<WorkflowResult> workflows) {

  /** Copies the lists. */
  public MigrationRun {
    steps = List.copyOf(steps);
    workflows = List.copyOf(workflows);
  }

  /** The result of a critical workflow, by name. */
  public Optional<WorkflowResult> workflow(String name) {
    return workflows.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** Whether every migration was applied. */
  public boolean successful() {
    return steps.stream().allMatch(s -> s.outcome() == StepResult.Outcome.APPLIED);
  }

  /** The failed step, if the walk stopped at one. */
  public Optional<StepResult> failedStep() {
    return steps.stream().filter(s -> s.outcome() == StepResult.Outcome.FAILED).findFirst();
  }

  /**
   * The version of the last applied versioned migration, or empty when none was applied. This is
   * the schema version the test methods see.
   */
  public Optional<String> finalVersion() {
    return steps.stream()
        .filter(s -> s.outcome() == StepResult.Outcome.APPLIED && !s.repeatable())
        .reduce((a, b) -> b)
        .map(StepResult::version);
  }

  /**
   * The step of a versioned migration.
   *
   * @throws NoSuchElementException naming the versions that exist, when there is no such step
   */
  public StepResult step(String version) {
    return steps.stream()
        .filter(s -> version.equals(s.version()))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no step for version "
                        + version
                        + "; the walk has: "
                        + steps.stream().map(StepResult::label).collect(Collectors.joining(", "))));
  }
}
