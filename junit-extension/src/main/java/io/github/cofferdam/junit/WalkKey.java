package io.github.cofferdam.junit;

import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/** The key under which a walk's final database is remembered for later classes. */
final class WalkKey {

  private WalkKey() {}

  /**
   * What decides a walk's outcome: the Flyway settings, seeds, workflows and policy — and the class
   * itself when it has Java seeds or workflows. Migration files do not change during a run.
   */
  static String of(Class<?> testClass, Settings settings) {
    FlywaySettings f = settings.flyway();
    boolean classSpecific =
        !AnnotationSupport.findAnnotatedMethods(
                    testClass, CriticalWorkflow.class, HierarchyTraversalMode.TOP_DOWN)
                .isEmpty()
            || !AnnotationSupport.findAnnotatedMethods(
                    testClass, BeforeMigration.class, HierarchyTraversalMode.TOP_DOWN)
                .isEmpty();
    return "walk "
        + f.locations()
        + f.schemas()
        + new java.util.TreeMap<>(f.placeholders())
        + f.initSql()
        + "|"
        + f.table()
        + "|source="
        + f.source()
        + "|environment="
        + settings.environment()
        + new java.util.TreeMap<>(f.properties())
        + f.javaMigrations().stream().map(m -> m.getClass().getName()).collect(Collectors.toList())
        + f.callbacks().stream().map(c -> c.getClass().getName()).collect(Collectors.toList())
        + "|seeds="
        + settings.seeds()
        + "|workflows="
        + settings.workflows()
        + "|"
        + settings.policy()
        + "|undo="
        + settings.undo().value()
        + (classSpecific ? "|class=" + testClass.getName() : "");
  }
}
