package io.github.cofferdam.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows one finding of the safety walk, with a reason that is printed in the report. The same can
 * be written in the migration itself: {@code -- cofferdam:allow data-loss app_session "sessions are
 * ephemeral"}.
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Allow.List.class)
public @interface Allow {

  /** The rule id, such as {@code data-loss}. */
  String rule();

  /** The migration version, such as {@code 12}. */
  String migration();

  /** Why it is fine; mandatory, printed in the report. */
  String reason();

  /**
   * The object the allowance is limited to (a table, a column, a constraint: matched against the
   * finding's object); empty for every finding of the rule in that migration.
   */
  String object() default "";

  /**
   * Holds several {@link Allow}s.
   *
   * @since 0.1.0
   */
  @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @interface List {
    /** The allowances. */
    Allow[] value();
  }
}
