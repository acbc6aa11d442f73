package io.github.cofferdam.junit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the safety walk found wrong with a migration.
 *
 * @param rule the rule id, one of {@link #RULES}
 * @param severity whether it fails the migration's test node
 * @param migration the migration's script
 * @param object the object concerned, such as {@code table public.orders}
 * @param message what is wrong, in one or a few lines
 * @param remedy how to fix it
 * @param allowed the reason given where the finding was explicitly allowed ({@code --
 *     cofferdam:allow} or {@code @Allow}); an allowed finding never fails
 * @since 0.1.0
 */
public record Finding(
    String rule,
    Severity severity,
    String migration,
    String object,
    String message,
    String remedy,
    Optional<String> allowed) {

  /** A migration fails, or changes schema or data, when applied a second time. */
  public static final String NON_IDEMPOTENT = "non-idempotent";

  /** A table lost rows, or a table with rows vanished. */
  public static final String DATA_LOSS = "data-loss";

  /** Values changed in a table the migration ran no DML on. */
  public static final String DATA_CHANGED = "data-changed";

  /** An object vanished that no statement of the migration named (CASCADE, recreated table). */
  public static final String OBJECT_LOST = "object-lost";

  /** A constraint accepts fewer values than before. */
  public static final String CONSTRAINT_NARROWED = "constraint-narrowed";

  /** A function's result columns no longer have the types of the table they mirror. */
  public static final String RPC_DRIFT = "rpc-drift";

  /** Every rule id, in the order checks run. */
  public static final List<String> RULES =
      List.of(NON_IDEMPOTENT, DATA_LOSS, DATA_CHANGED, OBJECT_LOST, CONSTRAINT_NARROWED, RPC_DRIFT);

  /** Validates the components. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(remedy, "remedy");
    Objects.requireNonNull(allowed, "allowed");
  }

  /** Whether this finding fails the migration (an error, not allowed). */
  public boolean fails() {
    return severity == Severity.ERROR && allowed.isEmpty();
  }

  /** {@code [rule] message Fix: remedy}, with the reason when allowed. */
  public String summary() {
    return "["
        + rule
        + "] "
        + message
        + "\n    Fix: "
        + remedy
        + allowed.map(r -> "\n    Allowed: " + r).orElse("");
  }

  /** The same finding with another severity. */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(rule, newSeverity, migration, object, message, remedy, allowed);
  }

  /** The same finding, allowed for a reason. */
  public Finding allowedBecause(String reason) {
    return new Finding(rule, severity, migration, object, message, remedy, Optional.of(reason));
  }

  /**
   * How much a finding matters.
   *
   * @since 0.1.0
   */
  public enum Severity {
    /** Fails the migration's test node. */
    ERROR,
    /** Reported, never fails. */
    WARNING
  }
}
