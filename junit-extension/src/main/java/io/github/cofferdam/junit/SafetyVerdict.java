package io.github.cofferdam.junit;

import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/** Turns a step's findings into a pass or a failure with every finding in one message. */
final class SafetyVerdict {

  private SafetyVerdict() {}

  static void assertSafe(StepResult step) {
    if (step.outcome() == StepResult.Outcome.FAILED) {
      throw new AssertionFailedError(
          step.failure().map(MigrationFailure::report).orElse(step.script() + " failed"));
    }
    if (!step.errors().isEmpty()) {
      throw new AssertionFailedError(message(step));
    }
  }

  static String message(StepResult step) {
    return step.script()
        + ": "
        + step.errors().size()
        + (step.errors().size() == 1 ? " finding" : " findings")
        + "\n"
        + step.errors().stream().map(f -> "  " + f.summary()).collect(Collectors.joining("\n"));
  }
}
