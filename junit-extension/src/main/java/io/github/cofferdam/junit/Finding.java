package io.github.cofferdam.junit;

import java.util.Objects;
import java.util.Optional;

/**
 * Something the safety walk found wrong with a migration.
 *
 * @param rule the rule that found it
 * @param severity whether it fails the migration's test node
 * @param script the migration's script ({@code V3__add_orders.sql})
 * @param object the object concerned, such as {@code table public.orders}
 * @param message what is wrong, in one or a few lines
 * @param remedy how to fix it
 * @param allowed the reason given where the finding was explicitly allowed ({@code --
 *     cofferdam:allow} or {@code @Allow}); an allowed finding never fails
 * @since 0.1.0
 */
public record Finding(
    Rule rule,
    Severity severity,
    String script,
    String object,
    String message,
    String remedy,
    Optional<String> allowed) {

  /** Validates the components. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(script, "script");
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
    return new Finding(rule, newSeverity, script, object, message, remedy, allowed);
  }

  /** The same finding, allowed for a reason. */
  public Finding allowedBecause(String reason) {
    return new Finding(rule, severity, script, object, message, remedy, Optional.of(reason));
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
