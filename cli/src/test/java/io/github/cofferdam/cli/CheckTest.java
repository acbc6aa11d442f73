package io.github.cofferdam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on real folders and the embedded PostgreSQL: exit codes and the text output. */
class CheckTest {

  @TempDir Path dir;

  @Test
  void aSafeFolderExitsZeroWithTheWalkOnStandardOutput() {
    Path reports = dir.resolve("reports");
    CliRun run =
        CliRun.of("check", CliRun.safeFolder(dir).toString(), "--report-dir", reports.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(run.out())
        .containsPattern("\\[cofferdam\\] {3}V1 orders +applied +\\d+ ms  safe")
        .containsPattern("\\[cofferdam\\] {3}V2 orders total +applied +\\d+ ms  safe")
        .contains("[cofferdam]   2 of 2 migrations applied")
        .contains(
            "cofferdam: safe: 2 migrations, no finding that fails. Reports in "
                + reports
                + ": io.github.cofferdam.cli.CofferdamCheck.md, .json, TEST-cofferdam.xml");
    assertThat(reports.resolve("io.github.cofferdam.cli.CofferdamCheck.md")).exists();
    assertThat(reports.resolve("io.github.cofferdam.cli.CofferdamCheck.json")).exists();
    assertThat(reports.resolve("TEST-cofferdam.xml")).exists();
  }

  @Test
  void aNonIdempotentMigrationExitsOneNamingItsFindingAndFix() {
    CliRun run =
        CliRun.of(
            "check",
            CliRun.unsafeFolder(dir).toString(),
            "--report-dir",
            dir.resolve("reports").toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("\\[cofferdam\\] {3}V1 orders +applied +\\d+ ms  safe")
        .containsPattern("\\[cofferdam\\] {3}V2 orders total +applied +\\d+ ms  1 finding")
        .contains("[cofferdam] FAILED V2 orders total:")
        .contains(
            "[non-idempotent] V2__orders_total.sql fails when applied a second time, at line 1,"
                + " with SQLSTATE 42701")
        .contains("Fix: Use ADD COLUMN IF NOT EXISTS.")
        .contains("cofferdam: FAILED: V2 orders total (exit code 1)");
  }

  @Test
  void aBaselineTurnsTheFailingFindingIntoAReportAndExitsZero() {
    CliRun run =
        CliRun.of(
            "check",
            CliRun.unsafeFolder(dir).toString(),
            "--baseline",
            "2",
            "--report-dir",
            dir.resolve("reports").toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(run.out()).contains("cofferdam: safe: 2 migrations, no finding that fails");
  }

  @Test
  void aMigrationThatFailsToApplyExitsOneWithThePostgresMessage() {
    Path folder = dir.resolve("broken");
    CliRun.write(folder, "V1__orders.sql", "CREATE TABLE IF NOT EXISTS orders (id bigint);\n");
    CliRun.write(folder, "V2__typo.sql", "ALTER TABLE order ADD COLUMN IF NOT EXISTS total int;\n");

    CliRun run =
        CliRun.of("check", folder.toString(), "--report-dir", dir.resolve("reports").toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("[cofferdam] FAILED the walk:")
        .contains("V2__typo.sql")
        .contains("SQLSTATE 42601")
        .contains("cofferdam: FAILED: the walk (exit code 1)");
  }

  @Test
  void aSupabaseProjectRunsInTimestampOrderWithItsFileNames() {
    Path project = dir.resolve("app");
    Path migrations = project.resolve("supabase/migrations");
    // written out of order: the timestamp decides
    CliRun.write(
        migrations,
        "20240102120000_orders_total.sql",
        "ALTER TABLE public.orders ADD COLUMN total int;\n");
    CliRun.write(
        migrations,
        "20240101120000_orders.sql",
        "CREATE TABLE IF NOT EXISTS public.orders (id bigint PRIMARY KEY);\n"
            + "ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;\n");

    CliRun run =
        CliRun.of(
            "check",
            project.toString(),
            "--source",
            "supabase",
            "--report-dir",
            dir.resolve("reports").toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "(?s)20240101120000_orders\\.sql +applied .*safe.*"
                + "20240102120000_orders_total\\.sql +applied .*1 finding")
        .contains("[cofferdam] FAILED 20240102120000_orders_total.sql:")
        .contains("Fix: Use ADD COLUMN IF NOT EXISTS.");
  }

  @Test
  void aFlywayKeyGivenWithDefineReachesFlyway() {
    Path folder = dir.resolve("concurrently");
    CliRun.write(
        folder, "V1__orders.sql", "CREATE TABLE IF NOT EXISTS orders (id bigint, total int);\n");
    CliRun.write(
        folder,
        "V2__orders_total_index.sql",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total ON orders (total);\n");
    String reports = dir.resolve("reports").toString();

    CliRun without = CliRun.of("check", folder.toString(), "--report-dir", reports);
    CliRun with =
        CliRun.of(
            "check",
            folder.toString(),
            "--report-dir",
            reports,
            "-Dcofferdam.flyway.postgresql.transactional.lock=false");

    assertThat(without.code()).as(without.toString()).isEqualTo(2);
    assertThat(without.out()).contains("cofferdam.flyway.postgresql.transactional.lock");
    assertThat(with.code()).as(with.toString()).isEqualTo(0);
    assertThat(System.getProperty("cofferdam.flyway.postgresql.transactional.lock"))
        .as("the key is set for the run only")
        .isNull();
  }

  @Test
  void theProviderOptionsReachTheExtension() {
    CliRun run =
        CliRun.of(
            "check",
            CliRun.safeFolder(dir).toString(),
            "--provider",
            "external",
            "--report-dir",
            dir.resolve("reports").toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out())
        .contains(
            "cofferdam: Invalid Cofferdam configuration:\n"
                + "  - --external-url: the external provider needs cofferdam.external.url (for"
                + " example jdbc:postgresql://127.0.0.1:5432/postgres): the URL of a server you"
                + " declare disposable\n");
  }

  /** The external provider on a server the test starts itself (the embedded one, underneath). */
  @Test
  void theExternalProviderWalksOnTheServerGiven() throws Exception {
    try (ServerHandle server = Providers.start(ServerSpec.embedded(17))) {
      CliRun run =
          CliRun.of(
              "check",
              CliRun.unsafeFolder(dir).toString(),
              "--provider",
              "external",
              "--external-url",
              server.server().jdbcUrl(server.server().maintenanceDatabase()),
              "--external-user",
              server.server().user(),
              "--report-dir",
              dir.resolve("reports").toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.out())
          .contains("[cofferdam] io.github.cofferdam.cli.CofferdamCheck: external PostgreSQL")
          .contains("cofferdam: FAILED: V2 orders total (exit code 1)");
    }
  }
}
