package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A project whose build chose a Flyway below the supported range: the class fails at start, before
 * any migration, naming the version found and the range. Run in a JVM whose classpath has Flyway
 * 9.22.3 in place of this build's Flyway (it has no flyway-database-postgresql: 9.x did not).
 */
class FlywayBelowRangeTest {

  /** A plain {@code @MigrationTest} class. */
  @MigrationTest(locations = "classpath:direct/notx")
  static class OnFlyway9TestCase {
    @Test
    void walks(MigrationRun run) {
      assertThat(run.successful()).isTrue();
    }
  }

  @Test
  void should_fail_the_class_at_start_naming_the_version_found_and_the_range() throws Exception {
    Path flyway9 = Path.of(System.getProperty("flyway.below.range.jar"));
    assertThat(flyway9).as("copied by junit-extension/pom.xml").exists();
    String classPath =
        Stream.concat(
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> !e.contains("flyway-core") && !e.contains("flyway-database")),
                Stream.of(flyway9.toString()))
            .collect(Collectors.joining(File.pathSeparator));
    String output;
    try (ChildJvm child = ChildJvm.start(OnFlyway9TestCase.class, classPath, Map.of(), Map.of())) {
      output = child.finish(120);
    }

    assertThat(Files.size(flyway9)).isPositive();
    assertThat(output)
        .contains(
            "failure="
                + FlywayBelowRangeTest.OnFlyway9TestCase.class.getName()
                + ": Flyway 9.22.3 is on the classpath; Cofferdam supports Flyway 10.x to 13.x"
                + " (flyway-core and flyway-database-postgresql of one version; see"
                + " docs/compatibility.md). Upgrade flyway-core (and add"
                + " flyway-database-postgresql of the same version), or let your build's BOM"
                + " choose a version from 10.x on.")
        .contains("done=1")
        .doesNotContain("NoSuchMethodError")
        .doesNotContain("NoClassDefFoundError");
  }
}
