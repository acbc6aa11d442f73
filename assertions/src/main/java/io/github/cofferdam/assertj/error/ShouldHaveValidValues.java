package io.github.cofferdam.assertj.error;

import java.util.List;

/**
 * A column's values break a data-integrity rule: NULLs, empty strings, values not matching a
 * pattern. Reports how many rows and a few examples.
 *
 * @since 0.1.0
 */
public final class ShouldHaveValidValues extends CofferdamErrorMessage {

  private ShouldHaveValidValues(String message) {
    super(message);
  }

  /**
   * {@code Expecting column public.ads.slug to have no NULLs, but 3 of 120 rows have NULL, e.g. id
   * = 4, 9, 17}.
   */
  public static ShouldHaveValidValues shouldHaveNo(
      String column, String what, long bad, long total, List<String> examples) {
    return new ShouldHaveValidValues(
        "Expecting column "
            + column
            + " to have no "
            + what
            + ", but "
            + bad
            + " of "
            + total
            + " rows have one, for example: "
            + String.join(", ", examples));
  }

  /** Values that do not match the pattern. */
  public static ShouldHaveValidValues shouldAllMatch(
      String column, String pattern, long bad, long total, List<String> examples) {
    return new ShouldHaveValidValues(
        "Expecting every value of column "
            + column
            + " to match "
            + pattern
            + ", but "
            + bad
            + " of "
            + total
            + " rows do not, for example: "
            + String.join(", ", examples));
  }
}
