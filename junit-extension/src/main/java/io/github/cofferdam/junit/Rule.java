package io.github.cofferdam.junit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of the safety walk, in the order they run. Each has an id, used in configuration
 * ({@code cofferdam.rules=data-loss=warning}), in allowances ({@code -- cofferdam:allow data-loss
 * …}, {@link Allow#rule()}) and in reports.
 *
 * @since 0.1.0
 */
public enum Rule {
  /** A migration fails, or changes schema or data, when applied a second time. */
  NON_IDEMPOTENT("non-idempotent"),

  /** A table lost rows, or a table with rows vanished. */
  DATA_LOSS("data-loss"),

  /** Values changed in a table the migration ran no DML on. */
  DATA_CHANGED("data-changed"),

  /** An object vanished that no statement of the migration dropped (CASCADE, recreated table). */
  OBJECT_LOST("object-lost"),

  /** A constraint accepts fewer values than before. */
  CONSTRAINT_NARROWED("constraint-narrowed"),

  /** A function's result columns no longer have the types of the table they mirror. */
  RPC_DRIFT("rpc-drift"),

  /**
   * A migration's undo script ({@code U<version>__…sql}) does not give back the schema and data
   * before it, or the migration does not apply again after it.
   */
  UNDO_INCOMPLETE("undo-incomplete"),

  /** A table that had rows got a new storage file: PostgreSQL copied it under ACCESS EXCLUSIVE. */
  TABLE_REWRITE("table-rewrite"),

  /** An index built without CONCURRENTLY on a table that had rows: writes wait for the build. */
  INDEX_NOT_CONCURRENT("index-not-concurrent"),

  /**
   * A foreign key, CHECK or NOT NULL validated on a table that had rows while a lock that blocks
   * writes was held.
   */
  CONSTRAINT_VALIDATED_UNDER_LOCK("constraint-validated-under-lock"),

  /**
   * A lock that blocks writes or reads on a table that had rows, for a change that none of the
   * three rules above explains, taken while the migration set no lock_timeout.
   */
  BLOCKING_LOCK("blocking-lock"),

  /**
   * A lock that one of the three rules before {@link #BLOCKING_LOCK} explains, taken while the
   * migration set no lock_timeout.
   */
  MISSING_LOCK_TIMEOUT("missing-lock-timeout");

  private final String id;

  Rule(String id) {
    this.id = id;
  }

  /** Its id, such as {@code data-loss}. */
  public String id() {
    return id;
  }

  /** The rule with this id, if there is one. */
  public static Optional<Rule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  /** Every id, in order, joined by commas: for messages that list the valid ones. */
  public static String ids() {
    return Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", "));
  }

  /** Every id, in order. */
  static List<String> idList() {
    return Arrays.stream(values()).map(Rule::id).collect(Collectors.toList());
  }

  /** Its id. */
  @Override
  public String toString() {
    return id;
  }
}
