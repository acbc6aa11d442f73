package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldNotChangeSchema.shouldHaveNoChanges;
import static io.github.cofferdam.assertj.error.ShouldNotChangeSchema.shouldHaveNoRemovedObjects;
import static io.github.cofferdam.assertj.error.ShouldNotChangeSchema.shouldHaveRemovedOnly;
import static io.github.cofferdam.assertj.error.ShouldNotChangeSchema.shouldNotNarrowConstraints;

import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the schema changes between two snapshots.
 *
 * @since 0.1.0
 */
public final class SchemaDiffAssert extends AbstractAssert<SchemaDiffAssert, SchemaDiff> {

  SchemaDiffAssert(SchemaDiff actual) {
    super(actual, SchemaDiffAssert.class);
  }

  /** Verifies that nothing changed. */
  public SchemaDiffAssert hasNoChanges() {
    isNotNull();
    if (!actual.isEmpty()) {
      throwAssertionError(shouldHaveNoChanges(summaries(actual.changes())));
    }
    return this;
  }

  /**
   * Verifies that no object was removed (a table, a column, a view taken along by CASCADE, a
   * trigger, a grant, ...).
   */
  public SchemaDiffAssert hasNoRemovedObjects() {
    isNotNull();
    if (!actual.removed().isEmpty()) {
      throwAssertionError(
          shouldHaveNoRemovedObjects(
              actual.removed().stream().map(SchemaChange::path).collect(Collectors.toList())));
    }
    return this;
  }

  /**
   * Verifies that exactly these objects were removed, by path ({@code view public.order_summary},
   * {@code table public.orders / column legacy_code}).
   */
  public SchemaDiffAssert removedOnly(String... paths) {
    isNotNull();
    List<String> expected = Arrays.asList(paths);
    List<String> removed =
        actual.removed().stream().map(SchemaChange::path).collect(Collectors.toList());
    List<String> unexpected =
        removed.stream().filter(p -> !expected.contains(p)).collect(Collectors.toList());
    List<String> notRemoved =
        expected.stream().filter(p -> !removed.contains(p)).collect(Collectors.toList());
    if (!unexpected.isEmpty() || !notRemoved.isEmpty()) {
      throwAssertionError(shouldHaveRemovedOnly(expected, unexpected, notRemoved));
    }
    return this;
  }

  /**
   * Verifies that no constraint accepts fewer rows than before: no CHECK lost a value, no column
   * became NOT NULL, no constraint was added to an existing table or had its definition changed in
   * a way that cannot be proven wider.
   */
  public SchemaDiffAssert noConstraintNarrowed() {
    isNotNull();
    if (!actual.narrowings().isEmpty()) {
      throwAssertionError(shouldNotNarrowConstraints(summaries(actual.narrowings())));
    }
    return this;
  }

  private static List<String> summaries(List<? extends SchemaChange> changes) {
    return changes.stream().map(SchemaChange::summary).collect(Collectors.toList());
  }
}
