package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A green run prints Cofferdam's lines and Flyway's real warnings, not the warning Cofferdam's own
 * first {@code migrate()} would cause nor Flyway's INFO lines, once per migration.
 */
class NoiseTest {

  @MigrationTest(locations = {"classpath:robust/clean", "filesystem:target/no-such-directory"})
  static class GreenTestCase implements MigrationSafety {}

  @Test
  void should_print_no_false_alarm_on_a_green_run() {
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(both);
    System.setOut(both);
    try {
      assertAllPassed(Fixtures.run(GreenTestCase.class), 1);
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);

    assertThat(printed)
        .contains("[cofferdam]   V1 accounts")
        .contains("Skipping filesystem location")
        .doesNotContain("No migrations found")
        .doesNotContain("Successfully applied")
        .doesNotContain("| Setting")
        .doesNotContain("Schema history table");
  }
}
