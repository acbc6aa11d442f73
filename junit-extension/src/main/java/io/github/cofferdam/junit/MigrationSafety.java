package io.github.cofferdam.junit;

import java.util.stream.Stream;
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

  /** One dynamic test per migration, named by its label ({@code V7 orders status check}). */
  @TestFactory
  default Stream<DynamicTest> migrations(MigrationRun run) {
    return run.steps().stream()
        .map(step -> DynamicTest.dynamicTest(step.label(), () -> SafetyVerdict.assertSafe(step)));
  }
}
