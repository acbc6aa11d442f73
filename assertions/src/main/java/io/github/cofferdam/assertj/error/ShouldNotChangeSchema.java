package io.github.cofferdam.assertj.error;

import java.util.List;

/**
 * The schema changed where it should not have: objects removed, other objects than the expected
 * ones removed, constraints narrowed, or any change at all.
 *
 * @since 0.1.0
 */
public final class ShouldNotChangeSchema extends CofferdamErrorMessage {

  private ShouldNotChangeSchema(String message) {
    super(message);
  }

  /** Objects were removed. */
  public static ShouldNotChangeSchema shouldHaveNoRemovedObjects(List<String> removed) {
    return new ShouldNotChangeSchema(
        "Expecting no removed objects, but "
            + removed.size()
            + (removed.size() == 1 ? " was" : " were")
            + " removed:"
            + bullets(removed));
  }

  /** The removed objects are not exactly the expected ones. */
  public static ShouldNotChangeSchema shouldHaveRemovedOnly(
      List<String> expected, List<String> unexpected, List<String> notRemoved) {
    StringBuilder s =
        new StringBuilder("Expecting only " + String.join(", ", expected) + " to be removed, but:");
    for (String u : unexpected) {
      s.append("\n  - ").append(u).append(" was removed too");
    }
    for (String n : notRemoved) {
      s.append("\n  - ").append(n).append(" was not removed");
    }
    return new ShouldNotChangeSchema(s.toString());
  }

  /** Constraints accept fewer rows than before. */
  public static ShouldNotChangeSchema shouldNotNarrowConstraints(List<String> narrowed) {
    return new ShouldNotChangeSchema(
        "Expecting no constraint to accept fewer rows than before, but:"
            + bullets(narrowed)
            + "\nRows (or triggers, or application code) that rely on what was allowed before now fail.");
  }

  /** Something changed although nothing should have. */
  public static ShouldNotChangeSchema shouldHaveNoChanges(List<String> changes) {
    return new ShouldNotChangeSchema("Expecting no schema changes, but:" + bullets(changes));
  }
}
