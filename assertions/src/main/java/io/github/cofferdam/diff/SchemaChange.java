package io.github.cofferdam.diff;

import java.util.List;

/**
 * One difference between two snapshots, with a stable path such as {@code table public.orders /
 * column status} and a one-line description such as {@code type character varying(20) → text}.
 *
 * @since 0.1.0
 */
public sealed interface SchemaChange
    permits SchemaChange.Added, SchemaChange.Removed, SchemaChange.Modified {

  /** Where the object is: {@code table public.orders / constraint orders_status_check}. */
  String path();

  /** The kind of object: {@code table}, {@code column}, {@code constraint}, ... */
  String kind();

  /** What changed, in one line. */
  String description();

  /**
   * Whether the change makes a constraint accept fewer rows than before: a CHECK that lost values,
   * a column that became NOT NULL, a new constraint on an existing table.
   */
  boolean narrowsConstraint();

  /** {@code path: description}. */
  default String summary() {
    return path() + ": " + description();
  }

  /**
   * An object that exists only after.
   *
   * @param path the path
   * @param kind the kind
   * @param description what was added
   * @param narrowsConstraint whether it is a new constraint on an object that existed before
   */
  record Added(String path, String kind, String description, boolean narrowsConstraint)
      implements SchemaChange {}

  /**
   * An object that exists only before.
   *
   * @param path the path
   * @param kind the kind
   * @param description what was removed
   */
  record Removed(String path, String kind, String description) implements SchemaChange {
    @Override
    public boolean narrowsConstraint() {
      return false;
    }
  }

  /**
   * An object that exists before and after, but differs.
   *
   * @param path the path
   * @param kind the kind
   * @param description every difference, separated by {@code ; }
   * @param narrowsConstraint whether it accepts fewer rows than before
   * @param lostValues the values a CHECK constraint (or enum) no longer accepts, quoted
   */
  record Modified(
      String path,
      String kind,
      String description,
      boolean narrowsConstraint,
      List<String> lostValues)
      implements SchemaChange {
    /** Copies the lost values. */
    public Modified {
      lostValues = List.copyOf(lostValues);
    }
  }
}
