package io.github.cofferdam.junit;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
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

  /**
   * Whether a method or constructor of the class (or an enclosing one) takes the {@link
   * MigrationRun}: such a class reads the verdicts itself.
   */
  static boolean readsTheRun(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (java.lang.reflect.Executable e : k.getDeclaredMethods()) {
          if (java.util.Arrays.asList(e.getParameterTypes()).contains(MigrationRun.class)) {
            return true;
          }
        }
        for (java.lang.reflect.Executable e : k.getDeclaredConstructors()) {
          if (java.util.Arrays.asList(e.getParameterTypes()).contains(MigrationRun.class)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Without {@link MigrationSafety} no test node fails with a migration's findings or a SQL
   * workflow's break: the class fails with them instead, so that the build is not green.
   */
  static Optional<String> unjudged(Class<?> testClass, MigrationRun run, Path report) {
    List<String> failing = new ArrayList<>();
    for (StepResult step : run.steps()) {
      if (!step.errors().isEmpty()) {
        failing.add(SafetyVerdict.message(step).replace("\n", "\n    "));
      }
    }
    java.util.Set<String> methods =
        AnnotationSupport.findAnnotatedMethods(
                testClass, CriticalWorkflow.class, HierarchyTraversalMode.TOP_DOWN)
            .stream()
            .map(Method::getName)
            .collect(Collectors.toSet());
    for (WorkflowResult w : run.workflows()) {
      if (w.broken() && !methods.contains(w.name())) {
        failing.add(w.report().replace("\n", "\n    "));
      }
    }
    if (failing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        testClass.getName()
            + " does not implement MigrationSafety and takes no MigrationRun, so no test node"
            + " reports what fails:\n  - "
            + String.join("\n  - ", failing)
            + "\n  report:    "
            + report
            + "\nImplement MigrationSafety (class "
            + testClass.getSimpleName()
            + " implements MigrationSafety) for one test node per migration, or allow the"
            + " findings (@Allow, cofferdam.rules).");
  }
}
