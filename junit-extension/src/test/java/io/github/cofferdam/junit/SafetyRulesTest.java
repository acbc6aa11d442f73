package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each rule of the safety walk fires with its exact message on a fixture migration folder, and
 * stays quiet on the fixed version of the same migrations.
 */
class SafetyRulesTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  private static final String RECREATE_FIX =
      "    Fix: Recreate it in the same migration, or drop it explicitly if it should go (DROP VIEW"
          + " …, DROP TRIGGER … ON …, REVOKE …).";

  @MigrationTest(locations = "classpath:safety/replay-bad")
  static class ReplayBadTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/replay-good")
  static class ReplayGoodTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/replay-batch")
  static class ReplayBatchTestCase implements MigrationSafety {
    @Test
    void every_migration_applied_once(Connection c) throws Exception {
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT string_agg(label, '|' ORDER BY id) FROM items),"
                      + " item_count(), item_label(2), (SELECT count(*) FROM tags),"
                      + " (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
                      + "  WHERE attrelid = 'tags'::regclass AND attnum > 0)")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("semi;colon|it's;quoted");
        assertThat(rs.getLong(2)).isEqualTo(2);
        assertThat(rs.getString(3)).isEqualTo("it's;quoted");
        assertThat(rs.getLong(4)).isEqualTo(1);
        assertThat(rs.getString(5)).isEqualTo("id,name,colour,weight");
      }
    }
  }

  @MigrationTest(locations = "classpath:safety/recreate-bad")
  static class RecreateBadTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/recreate-good")
  static class RecreateGoodTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/enum-rename")
  static class EnumRenameTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/moved")
  static class MovedTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/lost-shapes")
  static class LostShapesTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/narrow-bad")
  static class NarrowBadTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/narrow-good")
  static class NarrowGoodTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/retype-bad")
  static class RetypeBadTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/retype-good")
  static class RetypeGoodTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/rpc-bad")
  static class RpcBadTestCase implements MigrationSafety {
    @Test
    void the_drift_is_real(Connection c) {
      assertThatThrownBy(
              () -> {
                try (Statement s = c.createStatement()) {
                  s.executeQuery("SELECT * FROM list_orders()");
                }
              })
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42804");
    }
  }

  @MigrationTest(locations = "classpath:safety/rpc-good")
  static class RpcGoodTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/drift-steps")
  static class DriftStepsTestCase implements MigrationSafety {}

  @MigrationTest(
      locations = "classpath:safety/java-deallocate",
      javaMigrations = V2__java_deallocate.class)
  static class JavaDeallocateTestCase implements MigrationSafety {}

  @Test
  void non_idempotent_should_name_the_failing_statement_and_the_changes_of_a_replay() {
    assertThat(outcomes(Fixtures.run(ReplayBadTestCase.class)))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry(
                "V2 apply fees",
                "V2__apply_fees.sql: 1 finding\n"
                    + "  [non-idempotent] V2__apply_fees.sql changes data when applied a second"
                    + " time: table public.orders: 2 rows → 2; changed columns: total\n"
                    + "    Fix: Make the UPDATE a no-op on a second run: UPDATE … WHERE <not yet"
                    + " done> (for example WHERE fee_applied = false, setting the flag in the same"
                    + " statement)."),
            entry(
                "V3 index total",
                "V3__index_total.sql: 1 finding\n"
                    + "  [non-idempotent] V3__index_total.sql changes the schema when applied a"
                    + " second time: table public.orders / index orders_total_idx1: added: CREATE"
                    + " INDEX orders_total_idx1 ON public.orders USING btree (total)\n"
                    + "    Fix: Name every object and create it only if it is missing: CREATE INDEX"
                    + " IF NOT EXISTS <name> ON …, ADD COLUMN IF NOT EXISTS, CREATE OR REPLACE."),
            entry(
                "V4 note",
                "V4__note.sql: 1 finding\n"
                    + "  [non-idempotent] V4__note.sql fails when applied a second time, at line 2,"
                    + " with SQLSTATE 42701 (duplicate_column: the column already exists): column"
                    + " \"note\" of relation \"orders\" already exists\n"
                    + "      statement: ALTER TABLE orders ADD COLUMN note text\n"
                    + "    Fix: Use ADD COLUMN IF NOT EXISTS."));
    assertThat(outcomes(Fixtures.run(ReplayGoodTestCase.class)))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry("V2 apply fees", "ok"),
            entry("V3 index total", "ok"),
            entry("V4 note", "ok"));
  }

  @Test
  void replay_should_send_a_script_at_once_and_still_name_the_statement_that_fails() {
    // V1: comments after and before semicolons, a quoted semicolon, a result set, a DO block; V2:
    // two SQL-standard function bodies (Flyway's executor sends those); V3: the fourth statement
    // fails on the replay, after three that ran and were rolled back
    assertThat(outcomes(Fixtures.run(ReplayBatchTestCase.class)))
        .containsExactly(
            entry("V1 plain", "ok"),
            entry("V2 atomic", "ok"),
            entry(
                "V3 third fails",
                "V3__third_fails.sql: 1 finding\n"
                    + "  [non-idempotent] V3__third_fails.sql fails when applied a second time,"
                    + " at line 6, with SQLSTATE 42701 (duplicate_column: the column already"
                    + " exists): column \"colour\" of relation \"tags\" already exists\n"
                    + "      statement: ALTER TABLE tags ADD COLUMN colour text\n"
                    + "    Fix: Use ADD COLUMN IF NOT EXISTS."),
            entry("V4 after", "ok"),
            entry("every_migration_applied_once(Connection)", "ok"));
  }

  @Test
  void rpc_drift_should_follow_the_mirrored_table_from_step_to_step() {
    String plpgsql =
        "; every call through RETURN QUERY fails with SQLSTATE 42804 (structure of query does"
            + " not match function result type)\n";
    String sql = "; callers get other types than the table holds\n";
    assertThat(outcomes(Fixtures.run(DriftStepsTestCase.class)))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry(
                "V2 status varchar",
                drift(
                    "V2__status_varchar.sql",
                    "V2 status varchar",
                    "public.list_orders()",
                    "public.orders",
                    "column 'status': function returns text, table has character varying(20)"
                        + plpgsql)),
            // two tables with the same columns: neither is the one mirrored
            entry("V3 archive", "ok"),
            entry(
                "V4 archived at",
                drift(
                    "V4__archived_at.sql",
                    "V4 archived at",
                    "public.list_orders()",
                    "public.orders",
                    "column 'status': function returns text, table has character varying(20)"
                        + plpgsql)),
            entry("V5 list orders varchar", "ok"),
            entry(
                "V6 order totals",
                drift(
                    "V6__order_totals.sql",
                    "V6 order totals",
                    "public.order_totals()",
                    "public.orders",
                    "column 'id': function returns integer, table has bigint" + sql)),
            // a rename is not an object lost; the drift is now against the new name
            entry(
                "V7 rename",
                drift(
                    "V7__rename.sql",
                    "V7 rename",
                    "public.order_totals()",
                    "public.purchases",
                    "column 'id': function returns integer, table has bigint" + sql)),
            entry("V8 drop archive", "ok"),
            entry(
                "V9 alike",
                drift(
                    "V9__alike.sql",
                    "V9 alike",
                    "a.xy()",
                    "a.b.c",
                    "column 'x': function returns bigint, table has integer" + sql)),
            entry("V10 tie again", "ok"),
            entry(
                "V11 pair",
                drift(
                    "V11__pair.sql",
                    "V11 pair",
                    "a.xy()",
                    "a.pair",
                    "column 'x': function returns bigint, table has integer" + sql)),
            entry("V12 drop pair", "ok"),
            entry(
                "V13 drop w",
                drift(
                    "V13__drop_w.sql",
                    "V13 drop w",
                    "a.xy()",
                    "a.b.c",
                    "column 'x': function returns bigint, table has integer" + sql)));
  }

  private static String drift(
      String script, String label, String function, String table, String mismatch) {
    return script
        + ": 1 finding\n"
        + "  [rpc-drift] after "
        + label
        + ", function "
        + function
        + " returns the columns of table "
        + table
        + " by name, but with other types: "
        + mismatch
        + "    Fix: Declare RETURNS TABLE with the table's column types (or RETURNS SETOF "
        + table
        + "), in the same migration that changes either.";
  }

  @Test
  void a_java_migration_that_drops_the_prepared_statements_should_not_break_the_walk() {
    // Cofferdam cannot read a Java migration: after one (and its replay), it asks the server which
    // of its statements are still prepared
    assertThat(outcomes(Fixtures.run(JavaDeallocateTestCase.class)))
        .containsExactly(
            entry("V1 a", "ok"), entry("V2 java deallocate", "ok"), entry("V3 b", "ok"));
  }

  @Test
  void data_loss_and_object_lost_should_catch_the_565_accounts_recreation() {
    assertThat(outcomes(Fixtures.run(RecreateBadTestCase.class)))
        .containsExactly(
            entry("V1 accounts", "ok"),
            entry(
                "V2 accounts add name",
                "V2__accounts_add_name.sql: 3 findings\n"
                    + "  [data-loss] table public.accounts lost 565 of 565 rows in V2 accounts add"
                    + " name (565 → 0)\n"
                    + "    Fix: Keep the rows: change the table in place (ALTER TABLE), or copy them"
                    + " (INSERT INTO … SELECT … FROM the old table) before dropping it. If the loss"
                    + " is intended, say why: -- cofferdam:allow data-loss public.accounts"
                    + " \"<reason>\"\n"
                    + "  [object-lost] table public.accounts / trigger accounts_touch is gone after"
                    + " V2 accounts add name, but no statement of V2 accounts add name dropped it:"
                    + " it was taken along (DROP … CASCADE, or a table dropped and recreated)\n"
                    + RECREATE_FIX
                    + "\n"
                    + "  [object-lost] view public.active_accounts is gone after V2 accounts add"
                    + " name, but no statement of V2 accounts add name dropped it: it was taken"
                    + " along (DROP … CASCADE, or a table dropped and recreated)\n"
                    + RECREATE_FIX));
    assertThat(outcomes(Fixtures.run(RecreateGoodTestCase.class)))
        .containsExactly(entry("V1 accounts", "ok"), entry("V2 accounts add name", "ok"));
  }

  @Test
  void a_renamed_enum_label_should_not_count_as_narrowed_or_changed_but_a_removed_one_should() {
    assertThat(outcomes(Fixtures.run(EnumRenameTestCase.class)))
        .containsExactly(
            entry("V1 queues", "ok"),
            entry("V2 rename label", "ok"),
            entry(
                "V3 recreate mood",
                "V3__recreate_mood.sql: 1 finding\n"
                    + "  [constraint-narrowed] enum public.mood no longer accepts 'ok' (accepted"
                    + " before V3 recreate mood); whatever still writes it (a trigger, a function,"
                    + " the application) now fails with SQLSTATE 22P02 (invalid input value for"
                    + " enum)\n"
                    + "    Fix: Keep every label: add new ones with ALTER TYPE … ADD VALUE instead of"
                    + " recreating the type, or say why it may go: -- cofferdam:allow"
                    + " constraint-narrowed public.mood \"<reason>\""));
  }

  @Test
  void an_object_a_repeatable_migration_creates_again_should_be_a_warning_that_says_when()
      throws Exception {
    try (TestDatabase db = server.createDatabase("repeatable")) {
      MigrationWalker walker =
          new MigrationWalker(db, Fixtures.settings("classpath:safety/repeatable"));
      List<StepResult> steps = SafetyWalk.bare(db, walker).walk(walker.plan());
      assertThat(steps)
          .extracting(StepResult::script)
          .containsExactly("V1__init.sql", "V2__timestamptz.sql", "R__views.sql");
      assertThat(steps.get(1).findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.message())
                    .isEqualTo(
                        "view public.runs_view is gone after V2 timestamptz; R__views.sql creates"
                            + " it again after the versioned migrations, where Flyway runs it only"
                            + " if its checksum changed");
              });
      assertThat(steps.get(2).findings()).isEmpty();
    }
  }

  @Test
  void data_loss_should_tell_rows_moved_deleted_and_dropped_apart() throws Exception {
    // moved (read whole, written elsewhere, then dropped): a warning that says so; deleted: the
    // DELETE's remedy; dropped without a copy: lost
    assertThat(outcomes(Fixtures.run(MovedTestCase.class)))
        .containsExactly(
            entry("V1 old", "ok"),
            entry("V2 move items", "ok"),
            entry(
                "V3 delete obsolete",
                "V3__delete_obsolete.sql: 1 finding\n"
                    + "  [data-loss] table public.items lost 1 of 3 rows in V3 delete obsolete (3 →"
                    + " 2)\n"
                    + "    Fix: The migration deletes them: narrow its WHERE clause, or, if they may"
                    + " go, say why: -- cofferdam:allow data-loss public.items \"<reason>\""),
            entry(
                "V4 drop scratch",
                "V4__drop_scratch.sql: 1 finding\n"
                    + "  [data-loss] table public.scratch with 2 rows is gone after V4 drop scratch\n"
                    + "    Fix: Keep the rows: change the table in place (ALTER TABLE), or copy them"
                    + " (INSERT INTO … SELECT … FROM the old table) before dropping it. If the loss"
                    + " is intended, say why: -- cofferdam:allow data-loss public.scratch"
                    + " \"<reason>\""));
    try (TestDatabase db = server.createDatabase("moved")) {
      MigrationWalker walker = new MigrationWalker(db, Fixtures.settings("classpath:safety/moved"));
      assertThat(SafetyWalk.bare(db, walker).walk(walker.plan()).get(1).findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.rule()).isEqualTo(Rule.DATA_LOSS);
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.message())
                    .isEqualTo(
                        "table public.old_items with 3 rows is gone after V2 move items, but V2"
                            + " move items read its rows first and wrote to public.items: they"
                            + " look moved there");
              });
    }
  }

  @Test
  void object_lost_should_stay_quiet_on_what_went_with_a_dropped_owner_and_catch_what_was_lost() {
    // the index of a dropped primary key, the index and foreign key of a dropped column, the
    // sequence of a dropped table, a rename beside a drop: consequences of a statement. A column
    // dropped and added again without its GIN index, and a view taken by CASCADE: lost.
    assertThat(outcomes(Fixtures.run(LostShapesTestCase.class)))
        .containsExactly(
            entry("V1 tables", "ok"),
            entry("V2 drop primary key", "ok"),
            entry("V3 drop column", "ok"),
            entry("V4 drop table", "ok"),
            entry("V5 rename and drop", "ok"),
            entry(
                "V6 readd column",
                "V6__readd_column.sql: 1 finding\n"
                    + "  [object-lost] table public.t_gin / index t_gin_tags_idx is gone after V6"
                    + " readd column, but no statement of V6 readd column dropped it: it was taken"
                    + " along (DROP … CASCADE, or a table dropped and recreated)\n"
                    + RECREATE_FIX),
            entry(
                "V7 cascade",
                "V7__cascade.sql: 1 finding\n"
                    + "  [object-lost] view public.t_view_flagged is gone after V7 cascade, but no"
                    + " statement of V7 cascade dropped it: it was taken along (DROP … CASCADE, or"
                    + " a table dropped and recreated)\n"
                    + RECREATE_FIX));
  }

  @Test
  void constraint_narrowed_should_name_the_value_the_check_no_longer_accepts() {
    assertThat(outcomes(Fixtures.run(NarrowBadTestCase.class)))
        .containsExactly(
            entry("V1 inventory", "ok"),
            entry(
                "V2 physical count",
                "V2__physical_count.sql: 1 finding\n"
                    + "  [constraint-narrowed] CHECK inventory_transactions_reference_type_check on"
                    + " table public.inventory_transactions no longer accepts"
                    + " 'member_program_item_schedule' (accepted before V2 physical count);"
                    + " whatever still writes it (a trigger, a function, the application) now"
                    + " fails with SQLSTATE 23514\n"
                    + "    Fix: Keep every value the old constraint accepted when you add one (copy"
                    + " the list from the previous definition), or say why it may go: --"
                    + " cofferdam:allow constraint-narrowed"
                    + " inventory_transactions_reference_type_check \"<reason>\""));
    assertThat(outcomes(Fixtures.run(NarrowGoodTestCase.class)))
        .containsExactly(entry("V1 inventory", "ok"), entry("V2 physical count", "ok"));
  }

  @Test
  void data_changed_should_catch_a_truncating_type_change_but_not_lossless_ones() {
    assertThat(outcomes(Fixtures.run(RetypeBadTestCase.class)))
        .containsExactly(
            entry("V1 customers", "ok"),
            entry(
                "V2 shorter names",
                "V2__shorter_names.sql: 1 finding\n"
                    + "  [data-changed] values of table public.customers changed in V2 shorter"
                    + " names although it ran no INSERT, UPDATE or DELETE on it (2 rows, compared"
                    + " through the old types): name (character varying(100) → character"
                    + " varying(20))\n"
                    + "    Fix: A type change or a USING expression rewrote the values (a narrowing"
                    + " cast truncates or rounds them). Widen the type instead, or convert"
                    + " explicitly with an UPDATE and say why: -- cofferdam:allow data-changed"
                    + " public.customers \"<reason>\""));
    // varchar(100) → text, int → bigint, timestamp → timestamptz: the values read the same
    assertThat(outcomes(Fixtures.run(RetypeGoodTestCase.class)))
        .containsExactly(entry("V1 customers", "ok"), entry("V2 wider types", "ok"));
  }

  @Test
  void rpc_drift_should_catch_a_table_change_that_breaks_a_function() {
    assertThat(outcomes(Fixtures.run(RpcBadTestCase.class)))
        .containsExactly(
            entry("V1 orders", "ok"),
            entry(
                "V2 orders type varchar",
                "V2__orders_type_varchar.sql: 1 finding\n"
                    + "  [rpc-drift] after V2 orders type varchar, function public.list_orders()"
                    + " returns the columns of table public.orders by name, but with other types:"
                    + " column 'type': function returns text, table has character varying(50);"
                    + " every call through RETURN QUERY fails with SQLSTATE 42804 (structure of"
                    + " query does not match function result type)\n"
                    + "    Fix: Declare RETURNS TABLE with the table's column types (or RETURNS"
                    + " SETOF public.orders), in the same migration that changes either."),
            entry("the_drift_is_real(Connection)", "ok"));
    assertThat(outcomes(Fixtures.run(RpcGoodTestCase.class)))
        .containsExactly(entry("V1 orders", "ok"), entry("V2 orders type varchar", "ok"));
  }
}
