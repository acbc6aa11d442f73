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

  /**
   * Verifies that the migration held no lock on a table (or index) stronger than {@code mode}:
   * {@code takesNoLockStrongerThan(LockMode.SHARE_UPDATE_EXCLUSIVE, "orders")} pins a migration to
   * changes that let reads and writes go on. The relation is named as {@code orders} or {@code
   * public.orders}. Fails when the locks could not be observed (a migration outside a transaction):
   * nothing would be pinned.
   */
  public StepResultAssert takesNoLockStrongerThan(LockMode mode, String relation) {
    isApplied();
    if (!actual.locking().observed()) {
      failWithMessage(
          "%nExpecting %s to take no lock stronger than %s on %s, but its locks could not be"
              + " observed: it ran outside a transaction, or committed on its way",
          actual.script(), mode, relation);
    }
    actual
        .locking()
        .modeOn(relation)
        .filter(held -> held.compareTo(mode) > 0)
        .ifPresent(
            held ->
                failWithMessage(
                    "%nExpecting %s to take no lock stronger than %s on %s, but it held %s, which"
                        + " blocks %s",
                    actual.script(), mode, relation, held, held.blocks()));
    return this;
  }

  /** Verifies that no table or index that existed before the migration got a new storage file. */
  public StepResultAssert rewritesNothing() {
    isApplied();
    if (!actual.rewrites().isEmpty()) {
      failWithMessage(
          "%nExpecting %s to rewrite nothing, but it rewrote:%n%s",
          actual.script(),
          actual.rewrites().stream()
              .map(r -> "  " + r.kind() + " " + r.relation() + " (" + r.rowsBefore() + " rows)")
              .collect(Collectors.joining("\n")));
    }
    return this;
  }
}
