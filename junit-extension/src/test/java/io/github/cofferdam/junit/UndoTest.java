package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Undo round trips: after each migration that has an undo script ({@code U<version>__…sql}), the
 * undo must give back the schema and the data before it, and the migration must then give the state
 * after it again.
 */
class UndoTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  private static final String FIX_UNDO =
      "    Fix: Make the undo script reverse every change of the migration: drop what it adds"
          + " (columns, indexes, constraints, triggers), put back what it drops or changes, and"
          + " keep the rows.";

  @MigrationTest(locations = "classpath:undo")
  static class UndoTestCase implements MigrationSafety {}

  @Test
  void an_undo_that_forgets_an_index_or_loses_rows_should_fail_its_migration() {
    assertThat(outcomes(Fixtures.run(UndoTestCase.class)))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry(
                "V2 orders note",
                "V2__orders_note.sql: 1 finding\n"
                    + "  [undo-incomplete] U2__orders_note.sql does not give back the state before"
                    + " V2 orders note: table public.orders / index orders_total_idx: added: CREATE INDEX"
                    + " orders_total_idx ON public.orders USING btree (total)\n"
                    + FIX_UNDO),
            entry(
                "V3 orders status",
                "V3__orders_status.sql: 1 finding\n"
                    + "  [undo-incomplete] U3__orders_status.sql does not give back the state"
                    + " before V3 orders status: table public.orders: 10 rows → 0 (lost 10)\n"
                    + FIX_UNDO),
            entry("V4 customers", "ok"));
  }

  @Test
  void the_undo_round_trip_should_leave_the_walk_where_one_application_leaves_it()
      throws Exception {
    // the incremental capture of every step (the undo's and the redo's included) is checked
    // against a full snapshot, and the walk goes on from each migration applied once
    try (TestDatabase db = server.createDatabase("undo")) {
      MigrationWalker walker = new MigrationWalker(db, Fixtures.settings("classpath:undo"));
      List<StepResult> steps =
          SafetyWalk.bare(db, walker).verifyingIncrementalCapture().walk(walker.plan());
      assertThat(steps).extracting(StepResult::outcome).containsOnly(StepResult.Outcome.APPLIED);
      assertThat(steps.get(3).dataDiff().tables())
          .filteredOn(t -> t.table().equals("public.orders"))
          .singleElement()
          .satisfies(t -> assertThat(t.rowsAfter()).isEqualTo(10L));
    }
  }
}
