package io.github.cofferdam.examples.checknarrowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 4 (seed 001): a CHECK constraint was rewritten to add {@code count_session} and silently
 * dropped {@code member_program_item_schedule}, which a trigger still inserted.
 */
class CheckNarrowingTest {

  /** The fix: the new list keeps every value of the old one. */
  @Nested
  @MigrationTest(locations = "classpath:incidents/check-narrowed/fixed")
  class Fixed implements MigrationSafety {}

  /** The migration as it shipped. */
  @MigrationTest(locations = "classpath:incidents/check-narrowed/broken")
  static class Broken implements MigrationSafety {}

  @Test
  void the_lost_value_is_named() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("V2 physical count"))
        .contains(
            "[constraint-narrowed] CHECK inventory_transactions_reference_type_check on table"
                + " public.inventory_transactions no longer accepts 'member_program_item_schedule'"
                + " (accepted before V2 physical count)");
  }
}
