package io.github.cofferdam.examples.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs a broken example through the JUnit engine so that its expected failure can be asserted and
 * the build stays green.
 */
public final class Engine {

  private Engine() {}

  /** Each test node's name and outcome: {@code ok}, or the failure message. */
  public static Map<String, String> outcomes(Class<?> testClass) {
    return outcomes(testClass, Map.of());
  }

  /** The same, with JUnit configuration parameters (Cofferdam's keys, as CI would set them). */
  public static Map<String, String> outcomes(Class<?> testClass, Map<String, String> parameters) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameters(parameters)
            .selectors(selectClass(testClass))
            .execute();
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Event e : results.allEvents().finished().list()) {
      TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
      if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL
          || e.getTestDescriptor().isTest()) {
        outcomes.put(
            e.getTestDescriptor().getDisplayName(),
            r.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                ? "ok"
                : r.getThrowable().map(Throwable::getMessage).orElse("?"));
      }
    }
    return outcomes;
  }
}
