package io.github.cofferdam.assertj.error;

/**
 * A column's type, nullability or default is not the expected one.
 *
 * @since 0.1.0
 */
public final class ShouldHaveColumnProperty extends CofferdamErrorMessage {

  private ShouldHaveColumnProperty(String message) {
    super(message);
  }

  /**
   * {@code Expecting column public.orders.status to have type text, but it has character
   * varying(20)}.
   */
  public static ShouldHaveColumnProperty shouldHaveType(
      String column, String expected, String actual) {
    return new ShouldHaveColumnProperty(
        "Expecting column " + column + " to have type " + expected + ", but it has " + actual);
  }

  /** {@code Expecting column public.orders.note to be NOT NULL, but it is nullable}. */
  public static ShouldHaveColumnProperty shouldBeNotNull(String column) {
    return new ShouldHaveColumnProperty(
        "Expecting column " + column + " to be NOT NULL, but it is nullable");
  }

  /** {@code Expecting column public.orders.note to be nullable, but it is NOT NULL}. */
  public static ShouldHaveColumnProperty shouldBeNullable(String column) {
    return new ShouldHaveColumnProperty(
        "Expecting column " + column + " to be nullable, but it is NOT NULL");
  }

  /** A column default that differs. */
  public static ShouldHaveColumnProperty shouldHaveDefault(
      String column, String expected, String actual) {
    return new ShouldHaveColumnProperty(
        "Expecting column "
            + column
            + " to have default "
            + expected
            + ", but it has "
            + (actual == null ? "none" : actual));
  }
}
