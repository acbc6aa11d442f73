package io.github.cofferdam.examples.checknarrowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.CriticalWorkflow;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 4 (seed 001): a CHECK constraint was rewritten to add {@code count_session} and silently
 * dropped {@code member_program_item_schedule}, which a trigger still inserted; the coordinator's
 * "redeem a scheduled item" returned 500 for two hours. Two nets catch it: the constraint-narrowed
 * rule on the migration, and the critical workflow that redeems an item.
 */
class CheckNarrowingTest {

  /** The workflow the coordinators depend on, written once, re-run after every migration. */
  static void redeemScheduledItem(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO member_program_item_schedules (id, item) VALUES (1, 'yoga mat')");
      s.execute("UPDATE member_program_item_schedules SET status = 'redeemed' WHERE id = 1");
    }
  }

  /** The fix: the new list keeps every value of the old one. */
  @Nested
  @MigrationTest(locations = "classpath:incidents/check-narrowed/fixed")
  class Fixed implements MigrationSafety {
    @CriticalWorkflow
    void coordinatorRedeemsScheduledItem(Connection c) throws SQLException {
      redeemScheduledItem(c);
    }
  }

  /** The migration as it shipped. */
  @MigrationTest(locations = "classpath:incidents/check-narrowed/broken")
  static class Broken implements MigrationSafety {
    @CriticalWorkflow
    void coordinatorRedeemsScheduledItem(Connection c) throws SQLException {
      redeemScheduledItem(c);
    }
  }

  @Test
  void the_lost_value_is_named_and_the_broken_workflow_blames_the_migration() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("V2 physical count"))
        .contains(
            "[constraint-narrowed] CHECK inventory_transactions_reference_type_check on table"
                + " public.inventory_transactions no longer accepts 'member_program_item_schedule'"
                + " (accepted before V2 physical count)");
    assertThat(outcomes.get("coordinatorRedeemsScheduledItem(Connection)"))
        .isEqualTo(
            "workflow [coordinatorRedeemsScheduledItem] passes from V1, broken by"
                + " V2__physical_count.sql: ERROR 23514 new row for relation"
                + " \"inventory_transactions\" violates check constraint"
                + " \"inventory_transactions_reference_type_check\"");
  }
}
