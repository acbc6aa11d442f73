package io.github.cofferdam.junit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Implement it in a {@code @MigrationTest} class to get one test node per migration, each failing
 * with its own findings:
 *
 * <pre>{@code
 * @MigrationTest
 * class MyMigrationsTest implements MigrationSafety {}
 * }</pre>
 *
 * @since 0.1.0
 */
public interface MigrationSafety {

  /**
   * One dynamic test per SQL workflow ({@code cofferdam.workflows}), named {@code workflow <name>};
   * {@code @CriticalWorkflow} methods are nodes of their own.
   */
  @TestFactory
  @DisplayName("workflows")
  default Stream<DynamicTest> workflows(MigrationRun run) {
    java.util.Set<String> methods =
        org.junit.platform.commons.support.AnnotationSupport.findAnnotatedMethods(
                getClass(),
                CriticalWorkflow.class,
                org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN)
            .stream()
            .map(java.lang.reflect.Method::getName)
            .collect(java.util.stream.Collectors.toSet());
    return run.workflows().stream()
        .filter(w -> !methods.contains(w.name()))
        .map(
            w ->
                DynamicTest.dynamicTest(
                    "workflow " + w.name(),
                    () -> {
                      if (w.broken()) {
                        throw new org.opentest4j.AssertionFailedError(w.report());
                      }
                    }));
  }

  /** One dynamic test per migration, named by its label ({@code V7 orders status check}). */
  @TestFactory
  @DisplayName("migrations")
  default Stream<DynamicTest> migrations(MigrationRun run) {
    return run.steps().stream()
        .map(step -> DynamicTest.dynamicTest(step.label(), () -> SafetyVerdict.assertSafe(step)));
  }
}
