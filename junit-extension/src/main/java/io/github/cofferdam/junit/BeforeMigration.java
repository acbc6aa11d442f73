package io.github.cofferdam.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static void name(Connection c)} method of a {@code @MigrationTest} class that
 * seeds data right before a migration is applied, so the safety checks have rows to bite on.
 * Non-static methods need {@code @TestInstance(PER_CLASS)}.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BeforeMigration {

  /** The version of the migration this seed runs before, such as {@code "7"}. */
  String value();
}
