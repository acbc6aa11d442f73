package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lock rules on real PostgreSQL: each fires on a populated table (locks/bad), and stays quiet
 * on the same operation where it blocks nobody (locks/good: a new table, an empty one,
 * CONCURRENTLY, NOT VALID then VALIDATE in a later migration, a lock_timeout).
 */
class LockRulesTest {

  static final AtomicReference<MigrationRun> RUN = new AtomicReference<>();

  @MigrationTest(
      locations = "classpath:locks/bad",
      flyway = "flyway.postgresql.transactional.lock=false")
  static class BadTestCase {
    @Test
    void walks(MigrationRun run) {
      RUN.set(run);
    }
  }

  @MigrationTest(
      locations = "classpath:locks/good",
      flyway = "flyway.postgresql.transactional.lock=false")
  static class GoodTestCase {
    @Test
    void walks(MigrationRun run) {
      RUN.set(run);
    }
  }

  private static MigrationRun run(Class<?> fixture) {
    RUN.set(null);
    assertAllPassed(Fixtures.run(fixture), 1);
    return RUN.get();
  }

  /** Each step's findings as {@code rule: message}, by version. */
  private static Map<String, List<String>> findings(MigrationRun run) {
    return run.steps().stream()
        .collect(
            Collectors.toMap(
                StepResult::version,
                s -> s.findings().stream().map(f -> f.rule() + ": " + f.message()).toList(),
                (a, b) -> a,
                java.util.TreeMap::new));
  }

  private static final String HELD =
      " commits (with the seeded rows; in production the time grows with the table's size)";

  private static final String QUEUE =
      " with no lock_timeout set: before it even starts, it waits behind any running query on"
          + " those tables, and every query after it waits too";

  @Test
  void each_rule_should_fire_on_a_populated_table_naming_statement_mode_and_what_it_blocks() {
    MigrationRun run = run(BadTestCase.class);
    Map<String, List<String>> findings = findings(run);

    assertThat(findings.get("1")).isEmpty(); // tables created here: nobody waits on them
    assertThat(findings.get("2"))
        .containsExactly(
            "table-rewrite: V2 orders token rewrites table public.orders (200 rows, now 16 kB), at"
                + " line 2: ALTER TABLE orders ADD COLUMN IF NOT EXISTS token double precision"
                + " DEFAULT random(): PostgreSQL copied every row into a new file and rebuilt its"
                + " indexes while holding ACCESS EXCLUSIVE, which blocks reads and writes (every"
                + " query on it) until V2 orders token"
                + HELD,
            "missing-lock-timeout: V2 orders token takes locks that block the application on"
                + " public.orders (ACCESS EXCLUSIVE)"
                + QUEUE);
    assertThat(findings.get("3"))
        .containsExactly(
            "index-not-concurrent: V3 orders total idx builds index public.orders_total_idx on"
                + " table public.orders (200 rows, index now 16 kB) without CONCURRENTLY, at line"
                + " 1: CREATE INDEX IF NOT EXISTS orders_total_idx ON orders (total): the table is"
                + " held in SHARE, which blocks writes (INSERT, UPDATE, DELETE); reads go on until"
                + " V3 orders total idx"
                + HELD,
            "missing-lock-timeout: V3 orders total idx takes locks that block the application on"
                + " public.orders (SHARE)"
                + QUEUE);
    assertThat(findings.get("4"))
        .containsExactly(
            "constraint-validated-under-lock: V4 orders customer fk validates foreign key"
                + " orders_customer_fk against the 200 rows of table public.orders, at line 2:"
                + " ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                + " REFERENCES customers (id) while holding ACCESS EXCLUSIVE, which blocks reads"
                + " and writes (every query on it) until V4 orders customer fk"
                + HELD,
            "missing-lock-timeout: V4 orders customer fk takes locks that block the application"
                + " on public.customers (SHARE ROW EXCLUSIVE), public.orders (ACCESS EXCLUSIVE)"
                + QUEUE);
    assertThat(findings.get("5"))
        .containsExactly(
            "constraint-validated-under-lock: V5 orders email not null sets column"
                + " public.orders.email NOT NULL, scanning the 200 rows of table public.orders, at"
                + " line 1: ALTER TABLE orders ALTER COLUMN email SET NOT NULL while holding ACCESS"
                + " EXCLUSIVE, which blocks reads and writes (every query on it) until V5 orders"
                + " email not null"
                + HELD,
            "missing-lock-timeout: V5 orders email not null takes locks that block the application"
                + " on public.orders (ACCESS EXCLUSIVE)"
                + QUEUE);
    assertThat(findings.get("6"))
        .containsExactly(
            "blocking-lock: V6 orders note holds ACCESS EXCLUSIVE on table public.orders (200"
                + " rows), at line 1: ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text, which"
                + " blocks reads and writes (every query on it) until V6 orders note"
                + HELD
                + "; with no lock_timeout set, it first waits behind any running query on the"
                + " table, and every query after it waits too");
    // under flyway migrate(), after a migration outside a transaction (its locks are gone)
    assertThat(findings.get("7")).isEmpty();
    assertThat(run.step("7").locking().observed()).isFalse();
    assertThat(findings.get("8"))
        .first()
        .asString()
        .startsWith(
            "table-rewrite: V8 customers vip rewrites table public.customers (50 rows, now");

    StepResult v2 = run.step("2");
    assertThat(v2.rewrites())
        .extracting(Locking.Rewrite::relation)
        .containsExactly("public.orders", "public.orders_pkey");
    assertThat(v2.locking().modeOn("orders")).contains(LockMode.ACCESS_EXCLUSIVE);
    assertThat(run.step("6").rewrites()).isEmpty();
    assertThat(run.step("2").findings())
        .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING));
    assertThat(run.step("4").findings().get(0).remedy())
        .isEqualTo(
            "Add it as NOT VALID (a short lock; new rows are checked from then on): ALTER TABLE …"
                + " ADD CONSTRAINT orders_customer_fk … NOT VALID; then, in a later migration,"
                + " ALTER TABLE … VALIDATE CONSTRAINT orders_customer_fk (it scans under SHARE"
                + " UPDATE EXCLUSIVE: reads and writes go on).");
  }

  @Test
  void nothing_should_fire_where_the_lock_blocks_nobody() {
    MigrationRun run = run(GoodTestCase.class);
    // a new table, an empty table, CONCURRENTLY, NOT VALID then VALIDATE later, lock_timeout
    assertThat(findings(run))
        .allSatisfy((version, found) -> assertThat(found).as("V" + version).isEmpty());
    // the empty table was rewritten, and that is seen, but it copied nothing
    assertThat(run.step("3").rewrites())
        .extracting(Locking.Rewrite::relation, Locking.Rewrite::rowsBefore)
        .contains(org.assertj.core.groups.Tuple.tuple("public.audit", 0L));
    assertThat(run.step("5").locking().lockTimeout()).contains("5s");
    assertThat(run.step("6").locking().modeOn("public.orders"))
        .contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
  }

  @Test
  void assertions_should_pin_what_a_migration_may_lock_and_the_reports_should_show_it()
      throws Exception {
    MigrationRun run = run(BadTestCase.class);

    MigrationAssertions.assertThat(run.step("6"))
        .takesNoLockStrongerThan(LockMode.ACCESS_EXCLUSIVE, "orders")
        .rewritesNothing();
    MigrationAssertions.assertThat(run.step("3"))
        .takesNoLockStrongerThan(LockMode.SHARE, "public.orders")
        .takesNoLockStrongerThan(LockMode.ACCESS_SHARE, "customers"); // not locked at all
    assertThatThrownBy(
            () ->
                MigrationAssertions.assertThat(run.step("3"))
                    .takesNoLockStrongerThan(LockMode.SHARE_UPDATE_EXCLUSIVE, "orders"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting V3__orders_total_idx.sql to take no lock stronger than SHARE UPDATE"
                + " EXCLUSIVE on orders, but it held SHARE, which blocks writes (INSERT, UPDATE,"
                + " DELETE); reads go on");
    assertThatThrownBy(() -> MigrationAssertions.assertThat(run.step("2")).rewritesNothing())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting V2__orders_token.sql to rewrite nothing, but it rewrote:\n"
                + "  table public.orders (200 rows)\n"
                + "  index public.orders_pkey (200 rows)");
    assertThatThrownBy(
            () ->
                MigrationAssertions.assertThat(run.step("7"))
                    .takesNoLockStrongerThan(LockMode.SHARE_UPDATE_EXCLUSIVE, "customers"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("its locks could not be observed");

    String md = Files.readString(Path.of("target/cofferdam", BadTestCase.class.getName() + ".md"));
    assertThat(md)
        .contains("\n## V2 orders token\n")
        .contains("| relation | mode | blocks | rows before | rewritten |")
        .containsPattern(
            "\\| table public.orders \\| ACCESS EXCLUSIVE \\| reads and writes \\(every query on"
                + " it\\) \\| 200 \\| yes, \\d+ bytes \\|")
        .contains(
            "| table public.orders | SHARE | writes (INSERT, UPDATE, DELETE); reads go on | 200 |"
                + " no |");
    String json =
        Files.readString(Path.of("target/cofferdam", BadTestCase.class.getName() + ".json"));
    assertThat(json).contains("\"locking\"").contains("\"mode\" : \"SHARE ROW EXCLUSIVE\"");
  }
}
