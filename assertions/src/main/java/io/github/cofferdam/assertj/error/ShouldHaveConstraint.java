package io.github.cofferdam.assertj.error;

import java.util.List;

/**
 * A table lacks a CHECK constraint allowing some values, or an index on some columns.
 *
 * @since 0.1.0
 */
public final class ShouldHaveConstraint extends CofferdamErrorMessage {

  private ShouldHaveConstraint(String message) {
    super(message);
  }

  /** The CHECK on the column does not allow every value. */
  public static ShouldHaveConstraint shouldAllowValues(
      String table,
      String column,
      List<String> expected,
      String constraint,
      List<String> allowed,
      List<String> missing) {
    return new ShouldHaveConstraint(
        "Expecting table "
            + table
            + " to have a CHECK constraint on "
            + column
            + " allowing "
            + String.join(", ", expected)
            + ", but "
            + constraint
            + " allows only "
            + String.join(", ", allowed)
            + " (missing: "
            + String.join(", ", missing)
            + ")");
  }

  /** No CHECK of the form {@code column IN (...)} on the column. */
  public static ShouldHaveConstraint shouldHaveValueCheck(
      String table, String column, List<String> expected, List<String> checks) {
    return new ShouldHaveConstraint(
        "Expecting table "
            + table
            + " to have a CHECK constraint on "
            + column
            + " allowing "
            + String.join(", ", expected)
            + ", but it has no CHECK of the form "
            + column
            + " IN (...); its CHECK constraints: "
            + (checks.isEmpty() ? "none" : String.join("; ", checks)));
  }

  /** No index on exactly these columns, in this order. */
  public static ShouldHaveConstraint shouldHaveIndexOn(
      String table, List<String> columns, List<String> indexes) {
    return new ShouldHaveConstraint(
        "Expecting table "
            + table
            + " to have an index on ("
            + String.join(", ", columns)
            + "), but its indexes are: "
            + (indexes.isEmpty() ? "none" : String.join(", ", indexes)));
  }
}
