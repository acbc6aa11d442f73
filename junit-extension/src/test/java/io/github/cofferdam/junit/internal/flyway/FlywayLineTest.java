package io.github.cofferdam.junit.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Which Flyway the walk runs on, and what it does on each line: the tests run on the Flyway the
 * build chose (the Flyway matrix of .ci/run runs them on each line), and a line outside the range
 * fails at start, naming the version found and the range.
 */
class FlywayLineTest {

  @Test
  void should_find_the_flyway_the_build_chose_and_walk_with_its_own_loop_there() {
    String expected = System.getProperty("flyway.expected.version");
    FlywayLine line = FlywayLine.current();

    assertThat(expected).as("set by junit-extension/pom.xml").isNotBlank();
    assertThat(line.version()).isEqualTo(expected);
    assertThat(line.postgresqlVersion()).isEqualTo(expected);
    assertThat(line.major()).isEqualTo(Integer.parseInt(expected.substring(0, 2)));
    line.requireSupported();
    assertThat(line.ownLoop()).isTrue();
    assertThat(line.notes()).isEmpty();
  }

  @Test
  void should_refuse_a_line_below_10_naming_the_version_found_and_the_range() {
    assertThatThrownBy(() -> FlywayLine.of("9.22.3", null).requireSupported())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Flyway 9.22.3 is on the classpath")
        .hasMessageContaining("Cofferdam supports Flyway 10.x to 13.x");
  }

  @Test
  void should_refuse_flyway_postgresql_of_another_version_than_flyway_core() {
    assertThatThrownBy(() -> FlywayLine.of("11.7.2", "13.12.0").requireSupported())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("flyway-core 11.7.2 and flyway-database-postgresql 13.12.0")
        .hasMessageContaining("must be of one version");
  }

  @Test
  void should_walk_through_flyway_migrate_with_a_note_on_a_line_not_tested() {
    FlywayLine newer = FlywayLine.of("14.0.0", "14.0.0");
    newer.requireSupported();

    assertThat(newer.ownLoopProven()).isFalse();
    assertThat(newer.notes(true))
        .singleElement()
        .asString()
        .contains("Flyway 14.0.0 is not a line Cofferdam is tested on (10.x to 13.x)")
        .contains("through flyway migrate()");
    FlywayLine unreadable = FlywayLine.of(null, null);
    unreadable.requireSupported();
    assertThat(unreadable.version()).isEqualTo("unknown");
    assertThat(unreadable.ownLoopProven()).isFalse();
  }

  @Test
  void should_say_so_when_the_executor_internals_are_missing_on_a_tested_line() {
    FlywayLine tested = FlywayLine.of("12.11.0", "12.11.0");

    assertThat(tested.ownLoopProven()).isTrue();
    assertThat(tested.notes(true)).isEmpty();
    assertThat(tested.notes(false))
        .singleElement()
        .asString()
        .contains("Flyway 12.11.0's SQL executor is not what Cofferdam reads")
        .contains("statement by statement");
  }
}
