package io.github.cofferdam.junit;

import org.assertj.core.util.CheckReturnValue;

/**
 * Assertions on the results of the walk and of {@link Migrator#migrate}. Static-import {@code
 * assertThat} beside AssertJ's and {@code CofferdamAssertions}' own:
 *
 * <pre>{@code
 * assertThat(migrator.migrate("42")).preservesRowCount("person").hasNoFindings();
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class MigrationAssertions {

  private MigrationAssertions() {}

  /** Assertions on one migration's step. */
  public static StepResultAssert assertThat(StepResult actual) {
    return new StepResultAssert(actual);
  }
}
