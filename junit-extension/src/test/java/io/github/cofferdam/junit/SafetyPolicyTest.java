package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Baseline, severities, allowances with reasons, seeds, and the report of unchecked tables. */
class SafetyPolicyTest {

  @MigrationTest(locations = "classpath:safety/recreate-bad", baseline = "2")
  static class BaselineTestCase implements MigrationSafety {}

  @MigrationTest(
      locations = "classpath:safety/recreate-bad",
      rules = {"data-loss=warning", "object-lost=warning"})
  static class WarningsTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/recreate-bad")
  @Allow(rule = "data-loss", migration = "2", reason = "accounts are re-imported from the CRM")
  @Allow(rule = "object-lost", migration = "2", object = "active_accounts", reason = "view retired")
  static class AllowedTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/allowed")
  static class CommentAllowedTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/recreate-bad", rules = "data-loss=fatal")
  @Allow(rule = "data-los", migration = "2", reason = "typo")
  static class BadPolicyTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/seeded", seeds = "classpath:safety/seeds")
  static class SeededTestCase implements MigrationSafety {}

  @MigrationTest(locations = "classpath:safety/seeded")
  static class UnseededTestCase implements MigrationSafety {}

  static final List<String> SEEDED = new CopyOnWriteArrayList<>();

  @MigrationTest(locations = "classpath:safety/recreate-good")
  static class JavaSeedTestCase implements MigrationSafety {
    @BeforeMigration("2")
    static void moreAccounts(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO accounts VALUES (1000, 'late@example.com')");
      }
      SEEDED.add("2");
    }
  }

  @MigrationTest(locations = "classpath:safety/recreate-good")
  static class BadJavaSeedTestCase {
    @BeforeMigration("2")
    void notStatic(Connection c) {}

    @Test
    void never_runs() {}
  }

  @Test
  void baseline_should_report_but_never_fail_migrations_up_to_it() throws Exception {
    assertThat(outcomes(Fixtures.run(BaselineTestCase.class)))
        .containsExactly(entry("V1 accounts", "ok"), entry("V2 accounts add name", "ok"));

    JsonNode step2 =
        new ObjectMapper()
            .readTree(
                Files.readString(
                    Path.of("target/cofferdam", BaselineTestCase.class.getName() + ".json")))
            .get("steps")
            .get(1);
    assertThat(step2.get("baseline").asBoolean()).isTrue();
    assertThat(step2.get("findings")).hasSize(3);
    assertThat(step2.get("findings").get(0).get("fails").asBoolean()).isFalse();
  }

  @Test
  void rules_can_be_made_warnings() {
    assertThat(outcomes(Fixtures.run(WarningsTestCase.class)))
        .containsExactly(entry("V1 accounts", "ok"), entry("V2 accounts add name", "ok"));
  }

  @Test
  void allow_should_need_a_reason_and_print_it() throws Exception {
    assertThat(outcomes(Fixtures.run(AllowedTestCase.class)))
        .containsExactly(
            entry("V1 accounts", "ok"),
            entry(
                "V2 accounts add name",
                "V2__accounts_add_name.sql: 1 finding\n"
                    + "  [object-lost] table public.accounts / trigger accounts_touch is gone after"
                    + " V2 accounts add name, but no statement of V2 accounts add name dropped it:"
                    + " it was taken along (DROP … CASCADE, or a table dropped and recreated)\n"
                    + "    Fix: Recreate it in the same migration, or drop it explicitly if it"
                    + " should go (DROP VIEW …, DROP TRIGGER … ON …, REVOKE …)."));
    String report =
        Files.readString(Path.of("target/cofferdam", AllowedTestCase.class.getName() + ".md"));
    assertThat(report)
        .contains("  Allowed: accounts are re-imported from the CRM")
        .contains("  Allowed: view retired");
  }

  @Test
  void a_comment_in_the_migration_should_allow_with_its_reason() throws Exception {
    Map<String, String> outcomes = outcomes(Fixtures.run(CommentAllowedTestCase.class));

    assertThat(outcomes.get("V2 accounts add name"))
        .startsWith("V2__accounts_add_name.sql: 2 findings\n  [object-lost]")
        .doesNotContain("[data-loss]");
    assertThat(
            Files.readString(
                Path.of("target/cofferdam", CommentAllowedTestCase.class.getName() + ".md")))
        .contains("  Allowed: accounts are re-imported from the CRM right after this migration");
  }

  @Test
  void bad_policy_should_fail_the_class_listing_the_valid_choices() {
    assertThat(classFailure(Fixtures.run(BadPolicyTestCase.class), BadPolicyTestCase.class))
        .isEqualTo(
            "Invalid Cofferdam configuration for "
                + BadPolicyTestCase.class.getName()
                + ":\n"
                + "  - @Allow(rule = \"data-los\") is not valid; valid rules: non-idempotent,"
                + " data-loss, data-changed, object-lost, constraint-narrowed, rpc-drift,"
                + " undo-incomplete, table-rewrite, index-not-concurrent,"
                + " constraint-validated-under-lock, blocking-lock, missing-lock-timeout\n"
                + "  - severity 'data-loss=fatal' is not valid; valid values: <rule>=error or"
                + " <rule>=warning\n"
                + "See docs/configuration.md for every key, its default and an example.");
  }

  @Test
  void seeds_should_give_the_checks_rows_to_bite_on() throws Exception {
    // seed 002: NULL slugs; SET NOT NULL without a backfill fails once a row has none
    assertThat(classFailure(Fixtures.run(SeededTestCase.class), SeededTestCase.class))
        .startsWith(
            "Migration V2__slug_not_null.sql failed at line 1 with SQLSTATE 23502"
                + " (not_null_violation: a row has NULL in a NOT NULL column (add a default or"
                + " backfill first)).\n"
                + "  error:     column \"slug\" of relation \"ads\" contains null values");

    // without seeds the same migration passes, and the report says why that proves little
    assertThat(outcomes(Fixtures.run(UnseededTestCase.class)))
        .containsExactly(entry("V1 ads", "ok"), entry("V2 slug not null", "ok"));
    assertThat(
            Files.readString(Path.of("target/cofferdam", UnseededTestCase.class.getName() + ".md")))
        .contains(
            "Unchecked, no data: public.ads (seed them with cofferdam.seeds or @BeforeMigration)");
  }

  @Test
  void the_report_should_go_to_the_github_step_summary_when_there_is_one() throws Exception {
    Path summary = Files.createTempFile("step-summary", ".md");
    try (ChildJvm child =
        ChildJvm.start(
            SafetyRulesTest.NarrowBadTestCase.class,
            Map.of(),
            Map.of("GITHUB_STEP_SUMMARY", summary.toString()))) {
      child.finish(120);
    }
    assertThat(Files.readString(summary))
        .startsWith("# Cofferdam walk: " + SafetyRulesTest.NarrowBadTestCase.class.getName())
        .contains("| 2 | V2 physical count | `V2__physical_count.sql` | applied | 1 finding |")
        .contains(
            "- **constraint-narrowed** (fails): CHECK inventory_transactions_reference_type_check");
    Files.delete(summary);
  }

  @Test
  void before_migration_methods_should_seed_from_java() {
    SEEDED.clear();

    assertThat(outcomes(Fixtures.run(JavaSeedTestCase.class)))
        .containsExactly(entry("V1 accounts", "ok"), entry("V2 accounts add name", "ok"));
    assertThat(SEEDED).containsExactly("2");

    assertThat(classFailure(Fixtures.run(BadJavaSeedTestCase.class), BadJavaSeedTestCase.class))
        .isEqualTo(
            BadJavaSeedTestCase.class.getName()
                + ":\n  - @BeforeMigration method notStatic must be static (or the class"
                + " annotated @TestInstance(PER_CLASS)): it runs before any test instance exists");
  }
}
