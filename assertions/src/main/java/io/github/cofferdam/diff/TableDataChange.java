package io.github.cofferdam.diff;

import java.util.List;

/**
 * How one table's data compares between two snapshots.
 *
 * @param table the qualified table name
 * @param rowsBefore the row count before, or {@code null} when the table did not exist
 * @param rowsAfter the row count after, or {@code null} when the table no longer exists
 * @param changedColumns the columns present on both sides whose fingerprints differ, sorted
 * @param fingerprintChanged whether the whole-row fingerprint differs
 * @since 0.1.0
 */
public record TableDataChange(
    String table,
    Long rowsBefore,
    Long rowsAfter,
    List<String> changedColumns,
    boolean fingerprintChanged) {

  /** Copies the columns. */
  public TableDataChange {
    changedColumns = List.copyOf(changedColumns);
  }

  /** Whether anything differs. */
  public boolean changed() {
    return fingerprintChanged
        || !changedColumns.isEmpty()
        || rowsBefore == null
        || rowsAfter == null
        || !rowsBefore.equals(rowsAfter);
  }

  /** Rows lost: before minus after, at least 0; all rows when the table is gone. */
  public long rowsLost() {
    if (rowsBefore == null) {
      return 0;
    }
    long after = rowsAfter == null ? 0 : rowsAfter;
    return Math.max(0, rowsBefore - after);
  }

  /**
   * A one-line description: {@code 565 rows → 0 (lost 565)}, or, when the count is the same, {@code
   * 2 rows → 2; changed columns: note}.
   */
  public String description() {
    if (rowsBefore == null) {
      return "new table with " + rowsAfter + " rows";
    }
    if (rowsAfter == null) {
      return "table with " + rowsBefore + " rows was removed";
    }
    StringBuilder s = new StringBuilder(rowsBefore + " rows → " + rowsAfter);
    if (rowsLost() > 0) {
      s.append(" (lost ").append(rowsLost()).append(')');
    }
    if (!rowsBefore.equals(rowsAfter)) {
      return s.toString(); // with rows gone or added, every column's fingerprint differs anyway
    }
    if (!changedColumns.isEmpty()) {
      s.append("; changed columns: ").append(String.join(", ", changedColumns));
    } else if (fingerprintChanged) {
      s.append("; rows changed");
    }
    return s.toString();
  }
}
