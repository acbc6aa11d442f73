package io.github.cofferdam.junit;

import io.github.cofferdam.assertj.CofferdamAssertions;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one migration's {@link StepResult}: it applied, its findings, its data changes.
 *
 * @since 0.1.0
 */
public final class StepResultAssert extends AbstractAssert<StepResultAssert, StepResult> {

  StepResultAssert(StepResult actual) {
    super(actual, StepResultAssert.class);
  }

  /** Verifies that the migration applied. */
  public StepResultAssert isApplied() {
    isNotNull();
    if (actual.outcome() != StepResult.Outcome.APPLIED) {
      failWithMessage(
          "%nExpecting %s to apply, but it failed:%n%s",
          actual.script(), actual.failure().map(MigrationFailure::report).orElse("?"));
    }
    return this;
  }

  /** Verifies that the migration applied and the safety walk found nothing at all. */
  public StepResultAssert hasNoFindings() {
    isApplied();
    if (!actual.findings().isEmpty()) {
      failWithMessage(
          "%nExpecting %s to have no findings, but it has:%n%s",
          actual.script(),
          actual.findings().stream()
              .map(f -> "  " + f.summary())
              .collect(Collectors.joining("\n")));
    }
    return this;
  }

  /**
   * Verifies that the migration has a finding of this rule, given by its id ({@code data-loss}).
   */
  public StepResultAssert hasFinding(String rule) {
    isNotNull();
    return hasFinding(
        Rule.byId(rule)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no rule '" + rule + "'; the rules are: " + Rule.ids())));
  }

  /** Verifies that the migration has a finding of this rule. */
  public StepResultAssert hasFinding(Rule rule) {
    isNotNull();
    if (actual.findings().stream().noneMatch(f -> f.rule().equals(rule))) {
      failWithMessage(
          "%nExpecting %s to have a %s finding, but its findings are: %s",
          actual.script(),
          rule,
          actual.findings().isEmpty()
              ? "none"
              : actual.findings().stream()
                  .map(f -> f.rule().id())
                  .collect(Collectors.joining(", ")));
    }
    return this;
  }

  /** Verifies that no table lost rows in this migration. */
  public StepResultAssert preservesRowCounts() {
    isApplied();
    CofferdamAssertions.assertThat(actual.dataDiff()).as(actual.script()).preservesRowCounts();
    return this;
  }

  /** Verifies that a table lost no rows in this migration. */
  public StepResultAssert preservesRowCount(String table) {
    isApplied();
    CofferdamAssertions.assertThat(actual.dataDiff()).as(actual.script()).preservesRowCount(table);
    return this;
  }

  /** Verifies that a table's rows and values are unchanged by this migration. */
  public StepResultAssert preservesData(String table) {
    isApplied();
    CofferdamAssertions.assertThat(actual.dataDiff()).as(actual.script()).preservesData(table);
    return this;
  }
}
