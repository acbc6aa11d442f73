package io.github.cofferdam.assertj.error;

import java.util.List;

/**
 * Rows were lost or values changed.
 *
 * @since 0.1.0
 */
public final class ShouldPreserveData extends CofferdamErrorMessage {

  private ShouldPreserveData(String message) {
    super(message);
  }

  /** Tables lost rows. */
  public static ShouldPreserveData shouldPreserveRowCounts(List<String> losses) {
    return new ShouldPreserveData("Expecting every table to keep its rows, but:" + bullets(losses));
  }

  /** One table lost rows. */
  public static ShouldPreserveData shouldPreserveRowCount(String table, String description) {
    return new ShouldPreserveData(
        "Expecting table " + table + " to keep its rows, but: " + description);
  }

  /** One table's values changed. */
  public static ShouldPreserveData shouldPreserveData(String table, String description) {
    return new ShouldPreserveData(
        "Expecting the data of table " + table + " to be unchanged, but: " + description);
  }

  /** One table lost more than allowed. */
  public static ShouldPreserveData shouldLoseAtMostPercent(
      String table, double allowed, double lost, long before, long after) {
    return new ShouldPreserveData(
        String.format(
            java.util.Locale.ROOT,
            "Expecting table %s to lose at most %s%% of its rows, but it lost %s%% (%d rows → %d)",
            table,
            number(allowed),
            number(lost),
            before,
            after));
  }

  private static String number(double d) {
    return d == Math.rint(d)
        ? String.valueOf((long) d)
        : String.format(java.util.Locale.ROOT, "%.1f", d);
  }

  /** The snapshot was captured without data. */
  public static ShouldPreserveData shouldHaveData(String which) {
    return new ShouldPreserveData(
        "Expecting the "
            + which
            + " snapshot to hold row counts and fingerprints, but it was captured without data"
            + " (SnapshotOptions.withoutData())");
  }
}
