package io.github.cofferdam.assertj.error;

import java.util.List;

/**
 * A function's result columns do not mirror a table's: the RPC return-type drift that breaks every
 * call at run time (SQLSTATE 42804).
 *
 * @since 0.1.0
 */
public final class ShouldReturnColumnsOf extends CofferdamErrorMessage {

  private ShouldReturnColumnsOf(String message) {
    super(message);
  }

  /** Every mismatch at once, and the fix. */
  public static ShouldReturnColumnsOf shouldReturnColumnsOf(
      String function, String table, String which, List<String> mismatches) {
    return new ShouldReturnColumnsOf(
        "Expecting function "
            + function
            + " to return "
            + which
            + " of table "
            + table
            + " (same names, order and types), but:"
            + bullets(mismatches)
            + "\nDeclare RETURNS TABLE with the table's column types, or RETURNS SETOF "
            + table
            + ".");
  }

  /** The function does not return {@code SETOF table}. */
  public static ShouldReturnColumnsOf shouldReturnSetOf(
      String function, String table, String result) {
    return new ShouldReturnColumnsOf(
        "Expecting function "
            + function
            + " to return SETOF "
            + table
            + ", but it returns "
            + (result == null ? "nothing (it is a procedure)" : result));
  }
}
