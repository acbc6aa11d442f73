package io.github.cofferdam.assertj.error;

import java.util.List;

/**
 * A schema diff has removals or narrowed constraints that were not expected.
 *
 * @since 0.1.0
 */
public final class ShouldHaveSchemaChanges extends CofferdamErrorMessage {

  private ShouldHaveSchemaChanges(String message) {
    super(message);
  }

  /** Objects were removed. */
  public static ShouldHaveSchemaChanges shouldHaveNoRemovedObjects(List<String> removed) {
    return new ShouldHaveSchemaChanges(
        "Expecting no removed objects, but "
            + removed.size()
            + (removed.size() == 1 ? " was" : " were")
            + " removed:"
            + bullets(removed));
  }

  /** The removed objects are not exactly the expected ones. */
  public static ShouldHaveSchemaChanges shouldHaveRemovedOnly(
      List<String> expected, List<String> unexpected, List<String> notRemoved) {
    StringBuilder s =
        new StringBuilder("Expecting only " + String.join(", ", expected) + " to be removed, but:");
    for (String u : unexpected) {
      s.append("\n  - ").append(u).append(" was removed too");
    }
    for (String n : notRemoved) {
      s.append("\n  - ").append(n).append(" was not removed");
    }
    return new ShouldHaveSchemaChanges(s.toString());
  }

  /** Constraints accept fewer rows than before. */
  public static ShouldHaveSchemaChanges shouldNotNarrowConstraints(List<String> narrowed) {
    return new ShouldHaveSchemaChanges(
        "Expecting no constraint to accept fewer rows than before, but:"
            + bullets(narrowed)
            + "\nRows (or triggers, or application code) that rely on what was allowed before now fail.");
  }

  /** Something changed although nothing should have. */
  public static ShouldHaveSchemaChanges shouldHaveNoChanges(List<String> changes) {
    return new ShouldHaveSchemaChanges("Expecting no schema changes, but:" + bullets(changes));
  }
}
