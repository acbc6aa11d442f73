package io.github.cofferdam.junit;

import io.github.cofferdam.assertj.CofferdamAssertions;
import org.assertj.core.util.CheckReturnValue;

/**
 * The one entry point of Cofferdam's assertions in a suite that uses the extension: the results of
 * the walk and of {@link Migrator#migrate}, and (inherited from {@link CofferdamAssertions})
 * snapshots, schema and data diffs and connections. Static-import {@code assertThat} beside
 * AssertJ's own:
 *
 * <pre>{@code
 * assertThat(migrator.migrate("42")).preservesRowCount("person").hasNoFindings();
 * assertThat(CatalogSnapshot.capture(connection)).function("list_orders").returnsColumnsOf("orders");
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class MigrationAssertions extends CofferdamAssertions {

  private MigrationAssertions() {}

  /** Assertions on one migration's step. */
  public static StepResultAssert assertThat(StepResult actual) {
    return new StepResultAssert(actual);
  }
}
