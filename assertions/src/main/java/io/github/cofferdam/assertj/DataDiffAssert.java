package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldPreserveData.shouldLoseAtMostPercent;
import static io.github.cofferdam.assertj.error.ShouldPreserveData.shouldPreserveData;
import static io.github.cofferdam.assertj.error.ShouldPreserveData.shouldPreserveRowCount;
import static io.github.cofferdam.assertj.error.ShouldPreserveData.shouldPreserveRowCounts;

import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.TableDataChange;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the data changes between two snapshots.
 *
 * @since 0.1.0
 */
public final class DataDiffAssert extends AbstractAssert<DataDiffAssert, DataDiff> {

  DataDiffAssert(DataDiff actual) {
    super(actual, DataDiffAssert.class);
  }

  /**
   * Verifies that no table lost rows and no table that had rows disappeared. Tables may gain rows.
   */
  public DataDiffAssert preservesRowCounts() {
    isNotNull();
    List<String> losses =
        actual.tables().stream()
            .filter(t -> t.rowsLost() > 0)
            .map(t -> t.table() + ": " + t.description())
            .collect(Collectors.toList());
    if (!losses.isEmpty()) {
      throwAssertionError(shouldPreserveRowCounts(losses));
    }
    return this;
  }

  /** Verifies that one table lost no rows. */
  public DataDiffAssert preservesRowCount(String table) {
    TableDataChange t = find(table);
    if (t.rowsLost() > 0) {
      throwAssertionError(shouldPreserveRowCount(t.table(), t.description()));
    }
    return this;
  }

  /** Verifies that one table holds exactly the same rows and values (by fingerprint). */
  public DataDiffAssert preservesData(String table) {
    TableDataChange t = find(table);
    if (t.changed()) {
      throwAssertionError(shouldPreserveData(t.table(), t.description()));
    }
    return this;
  }

  /** Verifies that one table lost at most this percentage of its rows (0 to 100). */
  public DataDiffAssert lostAtMostPercent(String table, double percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be between 0 and 100, but was " + percent);
    }
    TableDataChange t = find(table);
    if (t.rowsBefore() == null || t.rowsBefore() == 0) {
      return this;
    }
    double lost = 100.0 * t.rowsLost() / t.rowsBefore();
    if (lost > percent) {
      throwAssertionError(
          shouldLoseAtMostPercent(
              t.table(), percent, lost, t.rowsBefore(), t.rowsAfter() == null ? 0 : t.rowsAfter()));
    }
    return this;
  }

  private TableDataChange find(String table) {
    isNotNull();
    return Names.find(
        actual.tables(),
        table,
        TableDataChange::table,
        t -> t.table().substring(t.table().indexOf('.') + 1),
        "the data diff",
        "table");
  }
}
