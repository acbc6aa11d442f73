package io.github.cofferdam.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Marks a {@code void name(Connection c)} (or {@code DataSource}) method of a
 * {@code @MigrationTest} class as a critical workflow: the walk runs it after every migration, in a
 * transaction it always rolls back, and the method's test node passes only if the workflow, once it
 * passes, keeps passing. The first migration after which it fails is named as the culprit:
 *
 * <pre>
 * workflow [coordinatorRedeemsScheduledItem] passes from V14, broken by V19__physical_count.sql:
 * ERROR 23514 new row for relation "inventory_transactions" violates check constraint ...
 * </pre>
 *
 * <p>Tagged {@code critical-workflow}, so suites can select or exclude workflows. The workflow must
 * not commit or change the transaction: it fails with a clear message if it tries.
 *
 * @since 0.1.0
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag("critical-workflow")
public @interface CriticalWorkflow {

  /**
   * The version from which the workflow must pass ({@code "12"}); default: the first version after
   * which it passes. A workflow that never passes fails as broken, with its last error.
   */
  String since() default "";

  /**
   * Expand/contract deploys: the last migration the workflow, written for the old schema, must
   * survive while the old application version keeps running ({@code "19"}); failures after it are
   * reported, not failed. Default: it must survive every migration.
   */
  String mustSurvive() default "";
}
