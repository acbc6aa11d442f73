package io.github.cofferdam.examples.prisma;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 4 (seed 001) in a Prisma project ({@code prisma/migrations/<timestamp>_<name>/
 * migration.sql}): a migration that was to add a status rebuilt the enum and silently dropped a
 * value that a function still writes. Prisma's own warning went unread; the walk fails it.
 */
class PrismaEnumNarrowedTest {

  /** The fix: the value added, none taken away. */
  @Nested
  @MigrationTest(
      source = "prisma",
      locations = "projects/prisma-orders/fixed",
      seeds = "filesystem:projects/prisma-orders/seeds")
  class Fixed implements MigrationSafety {}

  /** The migration as Prisma generated it. */
  @MigrationTest(
      source = "prisma",
      locations = "projects/prisma-orders/broken",
      seeds = "filesystem:projects/prisma-orders/seeds")
  static class Broken implements MigrationSafety {}

  @Test
  void the_dropped_enum_value_is_caught() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("20240501090000_init/migration.sql")).isEqualTo("ok");
    assertThat(outcomes.get("20240502090000_add_shipped_status/migration.sql"))
        .startsWith("20240502090000_add_shipped_status/migration.sql: 1 finding")
        .contains(
            "[constraint-narrowed] enum public.OrderStatus no longer accepts 'REFUNDED' (accepted"
                + " before 20240502090000_add_shipped_status/migration.sql)");
  }
}
