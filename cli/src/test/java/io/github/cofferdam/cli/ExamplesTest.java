package io.github.cofferdam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Supabase and Prisma projects of examples/ (docs/sources.md), checked by the command line as
 * their teams' CI would: each incident exits 1 naming its finding, each fix exits 0.
 */
class ExamplesTest {

  private static final Path PROJECTS = Path.of("..", "examples", "projects");

  @TempDir Path reports;

  private CliRun check(String project, String source, String... more) {
    String[] args = new String[6 + more.length];
    args[0] = "check";
    args[1] = PROJECTS.resolve(project).toString();
    args[2] = "--source";
    args[3] = source;
    args[4] = "--report-dir";
    args[5] = reports.toString();
    System.arraycopy(more, 0, args, 6, more.length);
    return CliRun.of(args);
  }

  @Test
  void theSupabaseRpcThatDriftedFromItsTableExitsOne() {
    CliRun run = check("supabase-orders/broken", "supabase");

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("[cofferdam] FAILED 20240402090000_create_order.sql:")
        .contains(
            "[rpc-drift] after 20240402090000_create_order.sql, function"
                + " public.create_order(p_total numeric) returns the columns of table"
                + " public.orders by name, but with other types");
  }

  @Test
  void theFixedSupabaseProjectExitsZero() {
    CliRun run = check("supabase-orders/fixed", "supabase");

    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(run.out()).contains("cofferdam: safe: 2 migrations");
  }

  @Test
  void thePrismaEnumRebuiltWithoutAValueExitsOne() {
    String seeds = "filesystem:" + PROJECTS.resolve("prisma-orders/seeds");
    CliRun run = check("prisma-orders/broken", "prisma", "--seeds", seeds);

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("[cofferdam] FAILED 20240502090000_add_shipped_status/migration.sql:")
        .contains(
            "[constraint-narrowed] enum public.OrderStatus no longer accepts 'REFUNDED'"
                + " (accepted before 20240502090000_add_shipped_status/migration.sql)");
  }

  @Test
  void theFixedPrismaProjectExitsZero() {
    String seeds = "filesystem:" + PROJECTS.resolve("prisma-orders/seeds");
    CliRun run = check("prisma-orders/fixed", "prisma", "--seeds", seeds);

    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(run.out()).contains("cofferdam: safe: 2 migrations");
  }
}
