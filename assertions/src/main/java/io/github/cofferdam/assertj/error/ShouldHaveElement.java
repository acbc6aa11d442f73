package io.github.cofferdam.assertj.error;

import java.util.Collection;

/**
 * Navigation failed: the named table, column, function ... does not exist (or the name is
 * ambiguous); lists what exists.
 *
 * @since 0.1.0
 */
public final class ShouldHaveElement extends CofferdamErrorMessage {

  private ShouldHaveElement(String message) {
    super(message);
  }

  /** {@code Expecting table shop.orders to have column "stauts", but it has: id, status}. */
  public static ShouldHaveElement shouldHaveElement(
      String owner, String kind, String name, Collection<String> existing) {
    return new ShouldHaveElement(
        "Expecting "
            + owner
            + " to have "
            + kind
            + " \""
            + name
            + "\", but it has "
            + (existing.isEmpty() ? "none" : String.join(", ", existing)));
  }

  /** A name that matches more than one object. */
  public static ShouldHaveElement shouldBeUnambiguous(
      String owner, String kind, String name, Collection<String> matches) {
    return new ShouldHaveElement(
        "Expecting "
            + owner
            + " to have one "
            + kind
            + " \""
            + name
            + "\", but several match: "
            + String.join(", ", matches)
            + "; qualify the name");
  }
}
