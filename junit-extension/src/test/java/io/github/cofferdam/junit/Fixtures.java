package io.github.cofferdam.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs fixture classes through the Jupiter engine, the way JUnit tests its own extensions. */
final class Fixtures {

  private Fixtures() {}

  /** Flyway settings of one location. */
  static FlywaySettings settings(String location) {
    return FlywaySettings.ofLocations(List.of(location), Fixtures.class.getClassLoader());
  }

  /** Flyway settings of one location and one Flyway property ({@code flyway.<name>}). */
  static FlywaySettings settings(String location, String property, String value) {
    return new FlywaySettings(
        List.of(location),
        List.of(),
        Map.of(),
        "",
        "",
        List.of(),
        List.of(),
        Map.of(property, value),
        Fixtures.class.getClassLoader(),
        io.github.cofferdam.junit.internal.flyway.SourceFiles.FLYWAY);
  }

  static EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(parameters)
        .selectors(selectClass(fixture))
        .execute();
  }

  /**
   * Fails with every failure's message unless every test and container of the run succeeded, so
   * that a failing fixture explains itself.
   */
  static EngineExecutionResults assertAllPassed(EngineExecutionResults results, int tests) {
    List<String> failures = new ArrayList<>();
    for (Event e : results.allEvents().list()) {
      if (e.getType() == EventType.FINISHED) {
        e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .filter(
                r ->
                    r.getStatus()
                        != org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL)
            .ifPresent(
                r ->
                    failures.add(
                        e.getTestDescriptor().getDisplayName()
                            + ": "
                            + r.getThrowable().map(Throwable::toString).orElse("?")));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          "fixture failed:\n" + failures.stream().collect(Collectors.joining("\n")));
    }
    results.testEvents().assertStatistics(s -> s.succeeded(tests).failed(0).aborted(0).skipped(0));
    return results;
  }

  /** Each test node's display name and outcome: {@code ok}, or the failure message. */
  static Map<String, String> outcomes(EngineExecutionResults results) {
    Map<String, String> outcomes = new java.util.LinkedHashMap<>();
    for (Event e : results.testEvents().finished().list()) {
      org.junit.platform.engine.TestExecutionResult r =
          e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow();
      outcomes.put(
          e.getTestDescriptor().getDisplayName(),
          r.getStatus() == org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL
              ? "ok"
              : r.getThrowable().map(Throwable::getMessage).orElse("?"));
    }
    return outcomes;
  }

  /** The message of the throwable that failed the fixture class's container. */
  static String classFailure(EngineExecutionResults results, Class<?> fixture) {
    return results.containerEvents().failed().list().stream()
        .filter(
            e ->
                e.getTestDescriptor().getLegacyReportingName().equals(fixture.getName())
                    || e.getTestDescriptor().getDisplayName().equals(fixture.getSimpleName()))
        .findFirst()
        .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElseThrow(() -> new AssertionError(fixture.getSimpleName() + " did not fail"));
  }
}
