package io.github.cofferdam.examples.locks;

import static io.github.cofferdam.junit.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.LockMode;
import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident: a "harmless" new column took the orders page down. Its volatile default made PostgreSQL
 * rewrite the whole table under ACCESS EXCLUSIVE (no read or write got through), and the index
 * built right after blocked every write until it was done. The lock rules are warnings by default;
 * this team made the two that bit them errors, so the migration fails in CI, on seeded rows, before
 * it reaches production.
 */
class OrdersLockedTest {

  /** The fix: no default on the column, a backfill, the index built CONCURRENTLY. */
  @Nested
  @MigrationTest(
      locations = "classpath:incidents/orders-locked/fixed",
      seeds = "classpath:incidents/orders-locked/seeds",
      rules = {"table-rewrite=error", "index-not-concurrent=error"},
      flyway = "flyway.postgresql.transactional.lock=false")
  class Fixed implements MigrationSafety {
    @Test
    void no_migration_blocks_the_orders_table_for_long(MigrationRun run) {
      assertThat(run.step("2")).rewritesNothing().hasNoFindings();
      assertThat(run.step("3"))
          .takesNoLockStrongerThan(LockMode.ROW_EXCLUSIVE, "orders")
          .hasNoFindings();
      assertThat(run.step("4")).hasNoFindings(); // CONCURRENTLY: no lock that blocks anyone
    }
  }

  /** The migration as it shipped, with the same seeds and rules. */
  @MigrationTest(
      locations = "classpath:incidents/orders-locked/broken",
      seeds = "classpath:incidents/orders-locked/seeds",
      rules = {"table-rewrite=error", "index-not-concurrent=error"})
  static class Broken implements MigrationSafety {}

  @Test
  void the_rewrite_and_the_plain_index_build_fail_on_the_seeded_rows() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("V1 orders")).isEqualTo("ok");
    assertThat(outcomes.get("V2 orders tracking code"))
        .startsWith("V2__orders_tracking_code.sql: 2 findings\n")
        .contains(
            "[index-not-concurrent] V2 orders tracking code builds index"
                + " public.orders_tracking_code_idx on table public.orders (500 rows")
        .contains("[table-rewrite] V2 orders tracking code rewrites table public.orders (500 rows")
        .contains(
            "ALTER TABLE orders ADD COLUMN IF NOT EXISTS tracking_code text DEFAULT"
                + " md5(random()::text): PostgreSQL copied every row into a new file")
        .contains("Fix: Use CREATE INDEX CONCURRENTLY");
  }
}
