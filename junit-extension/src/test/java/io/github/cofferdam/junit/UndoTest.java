package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private static final String FIX_REDO =
      "    Fix: Make the undo script leave nothing behind that the migration trips over when it"
          + " runs again (or make the migration idempotent).";

  @MigrationTest(locations = "classpath:undo")
  static class UndoTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:undo", undo = "on")
  static class UndoOnTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=x", undo = "on")
  static class NoUndoScriptTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:undo-redo")
  static class RedoTestCase implements MigrationSafety {}

  /** The outcomes of the fixture {@code undo} when its undo round trips run. */
  private static Map<String, String> undoFindings() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("V1 orders", "ok");
    expected.put(
        "V2 orders note",
        "V2__orders_note.sql: 1 finding\n"
            + "  [undo-incomplete] U2__orders_note.sql does not give back the state before"
            + " V2 orders note: table public.orders / index orders_total_idx: added: CREATE INDEX"
            + " orders_total_idx ON public.orders USING btree (total)\n"
            + FIX_UNDO);
    expected.put(
        "V3 orders status",
        "V3__orders_status.sql: 1 finding\n"
            + "  [undo-incomplete] U3__orders_status.sql does not give back the state"
            + " before V3 orders status: table public.orders: 10 rows → 0 (lost 10)\n"
            + FIX_UNDO);
    expected.put("V4 customers", "ok");
    return expected;
  }

  @Test
  void an_undo_that_forgets_an_index_or_loses_rows_should_fail_its_migration() {
    assertThat(outcomes(Fixtures.run(UndoTestCase.class))).containsExactlyEntriesOf(undoFindings());
  }

  @Test
  void undo_off_should_run_no_undo_round_trip() {
    // the same migrations and settings but the key: the walk with undo findings is not reused
    assertThat(outcomes(Fixtures.run(UndoTestCase.class))).containsExactlyEntriesOf(undoFindings());
    assertThat(outcomes(Fixtures.run(UndoTestCase.class, Map.of(MigrationTest.UNDO_KEY, "off"))))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry("V2 orders note", "ok"),
            entry("V3 orders status", "ok"),
            entry("V4 customers", "ok"));
  }

  @Test
  void undo_on_should_check_every_undo_script_and_the_key_should_beat_the_attribute() {
    assertThat(outcomes(Fixtures.run(UndoOnTestCase.class)))
        .containsExactlyEntriesOf(undoFindings());
    assertThat(outcomes(Fixtures.run(UndoOnTestCase.class, Map.of(MigrationTest.UNDO_KEY, "OFF"))))
        .containsOnlyKeys(undoFindings().keySet())
        .containsValues("ok")
        .doesNotContainValue(undoFindings().get("V2 orders note"));
  }

  @Test
  void undo_on_should_fail_a_class_whose_migrations_have_no_undo_script() {
    assertThat(classFailure(Fixtures.run(NoUndoScriptTestCase.class), NoUndoScriptTestCase.class))
        .isEqualTo(
            NoUndoScriptTestCase.class.getName()
                + ": cofferdam.undo=on, but no migration has an undo script: put a"
                + " U<version>__<description>.sql beside the migration it undoes (for"
                + " V2__orders_status.sql: U2__orders_status.sql), or set cofferdam.undo=auto (the"
                + " default) to run the undo round trip only where an undo script exists.");
  }

  @Test
  void a_bad_undo_value_should_be_named_with_the_valid_ones() {
    assertThat(
            classFailure(
                Fixtures.run(UndoTestCase.class, Map.of(MigrationTest.UNDO_KEY, "always")),
                UndoTestCase.class))
        .isEqualTo(
            "Invalid Cofferdam configuration for "
                + UndoTestCase.class.getName()
                + ":\n"
                + "  - cofferdam.undo=always is not valid; valid values: auto (the default: an undo"
                + " round trip for every migration with a U<version>__ script), on (the same, and"
                + " fail when there is no undo script at all), off\n"
                + "See docs/configuration.md for every key, its default and an example.");
  }

  @Test
  void a_migration_that_fails_or_differs_when_applied_again_after_its_undo_should_fail() {
    // the snapshot sees neither domains nor the position of sequences: the undo looks complete,
    // and only the migration's second run shows what it left behind
    assertThat(outcomes(Fixtures.run(RedoTestCase.class)))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry(
                "V2 orders discount",
                "V2__orders_discount.sql: 1 finding\n"
                    + "  [undo-incomplete] V2__orders_discount.sql fails when applied again after"
                    + " U2__orders_discount.sql, with SQLSTATE 42710 (duplicate_object: an object"
                    + " of that name already exists): type \"percent\" already exists\n"
                    + FIX_REDO),
            entry(
                "V3 invoices",
                "V3__invoices.sql: 1 finding\n"
                    + "  [undo-incomplete] U3__invoices.sql, then V3__invoices.sql again, do not"
                    + " give the state after V3 invoices: table public.invoices: 1 rows → 1;"
                    + " changed columns: number\n"
                    + "    Fix: Make the undo script give back what the migration reads as well (the"
                    + " position of a sequence it draws from: SELECT setval(…); an object it skips"
                    + " when it exists), so that applying the migration again gives the same"
                    + " state."),
            entry(
                "V4 orders paid",
                "V4__orders_paid.sql: 1 finding\n"
                    + "  [undo-incomplete] U4__orders_paid.sql fails after V4 orders paid, with"
                    + " SQLSTATE 42703 (undefined_column: a column named in the statement does not exist): column \"payed\" of relation"
                    + " \"orders\" does not exist\n"
                    + "    Fix: Make the undo script run on the state V4 orders paid leaves."));
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
