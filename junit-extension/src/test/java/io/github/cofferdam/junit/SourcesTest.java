package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migrations of Supabase, Prisma, Drizzle and plain folders run through the same walk as
 * Flyway's: the same SQL gives the same findings, in the tool's order, under the tool's own file
 * names.
 */
class SourcesTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  private static final String DIR = "src/test/resources/sources/";

  @MigrationTest(locations = "classpath:safety/recreate-bad")
  static class FlywayTestCase implements MigrationSafety {}

  @MigrationTest(source = "supabase", locations = DIR + "supabase")
  static class SupabaseTestCase implements MigrationSafety {}

  @MigrationTest(source = "prisma", locations = "filesystem:" + DIR + "prisma")
  static class PrismaTestCase implements MigrationSafety {}

  @MigrationTest(source = "folder", locations = DIR + "folder")
  static class FolderTestCase implements MigrationSafety {}

  @MigrationTest(source = "drizzle", locations = DIR + "drizzle")
  static class DrizzleTestCase implements MigrationSafety {}

  @MigrationTest(source = "drizzle", locations = DIR + "drizzle-unlisted")
  static class DrizzleUnlistedTestCase implements MigrationSafety {}

  @MigrationTest(source = "drizzle", locations = DIR + "drizzle-missing")
  static class DrizzleMissingTestCase implements MigrationSafety {}

  @MigrationTest(source = "drizzle", locations = DIR + "drizzle-dup")
  static class DrizzleDuplicateTestCase implements MigrationSafety {}

  @MigrationTest(source = "prisma", locations = DIR + "prisma-dup")
  static class PrismaDuplicateTestCase implements MigrationSafety {}

  @MigrationTest(source = "prisma", locations = DIR + "prisma-short")
  static class PrismaShortTestCase implements MigrationSafety {}

  @MigrationTest(source = "supabase", locations = DIR + "supabase-short")
  static class ShortTimestampTestCase implements MigrationSafety {}

  @MigrationTest(source = "supabase", locations = DIR + "supabase-dup")
  static class DuplicateTestCase implements MigrationSafety {}

  @MigrationTest(source = "folder", locations = DIR + "missing")
  static class MissingFolderTestCase implements MigrationSafety {}

  @MigrationTest(source = "liquibase")
  static class UnknownSourceTestCase implements MigrationSafety {}

  @Test
  void supabase_migrations_should_give_the_flyway_findings_under_their_own_file_names() {
    assertSameFindings(
        outcomes(Fixtures.run(SupabaseTestCase.class)),
        "20240101120000_accounts.sql",
        "20240102090000_accounts_add_name.sql");
  }

  @Test
  void prisma_migrations_should_give_the_flyway_findings_under_their_own_file_names() {
    assertSameFindings(
        outcomes(Fixtures.run(PrismaTestCase.class)),
        "20240101120000_accounts/migration.sql",
        "20240102090000_accounts_add_name/migration.sql");
  }

  @Test
  void a_folder_should_run_its_sql_files_in_file_name_order_and_ignore_the_rest() {
    assertSameFindings(
        outcomes(Fixtures.run(FolderTestCase.class)),
        "001_accounts.sql",
        "002_accounts_add_name.sql");
  }

  @Test
  void drizzle_migrations_should_run_in_journal_order_with_the_flyway_findings() {
    assertSameFindings(
        outcomes(Fixtures.run(DrizzleTestCase.class)),
        "0000_accounts.sql",
        "0001_accounts_add_name.sql");
  }

  @Test
  void a_drizzle_file_the_journal_does_not_list_should_fail_as_out_of_sync() {
    assertThat(
            classFailure(
                Fixtures.run(DrizzleUnlistedTestCase.class), DrizzleUnlistedTestCase.class))
        .contains(
            "the drizzle migrations 0001_accounts_add_name.sql in "
                + Path.of(DIR + "drizzle-unlisted").toAbsolutePath()
                + " are not in meta/_journal.json, so drizzle-kit never applies them");
  }

  @Test
  void a_drizzle_journal_entry_without_its_file_should_fail_naming_it() {
    assertThat(
            classFailure(Fixtures.run(DrizzleMissingTestCase.class), DrizzleMissingTestCase.class))
        .contains("lists 0001_accounts_add_name (idx 1), but ")
        .contains(
            "0001_accounts_add_name.sql does not exist. Restore the file or remove its entry.");
  }

  @Test
  void two_drizzle_entries_with_one_idx_should_fail_as_ambiguous() {
    assertThat(
            classFailure(
                Fixtures.run(DrizzleDuplicateTestCase.class), DrizzleDuplicateTestCase.class))
        .contains(
            "gives 0000_accounts.sql and 0001_accounts_add_name.sql the same idx 0: their order is"
                + " ambiguous");
  }

  @Test
  void prisma_names_should_be_checked_like_supabase_names() {
    assertThat(
            classFailure(
                Fixtures.run(PrismaDuplicateTestCase.class), PrismaDuplicateTestCase.class))
        .contains(
            "the prisma migrations 20240101120000_accounts/migration.sql and"
                + " 20240101120000_accounts_add_name/migration.sql have the same timestamp"
                + " 20240101120000: their order is ambiguous");
    assertThat(classFailure(Fixtures.run(PrismaShortTestCase.class), PrismaShortTestCase.class))
        .contains("the prisma migration 202401011200_accounts in")
        .contains("does not start with a 14-digit timestamp");
  }

  @Test
  void the_source_key_should_override_the_attribute() {
    Map<String, String> outcomes =
        outcomes(
            Fixtures.run(
                FlywayTestCase.class,
                Map.of("cofferdam.source", "folder", "cofferdam.locations", DIR + "folder")));
    assertThat(outcomes.keySet()).containsExactly("001_accounts.sql", "002_accounts_add_name.sql");
  }

  @Test
  void a_timestamp_that_is_not_14_digits_should_fail_naming_the_file_and_the_fix() {
    assertThat(
            classFailure(Fixtures.run(ShortTimestampTestCase.class), ShortTimestampTestCase.class))
        .contains("20240101_accounts.sql")
        .contains("14-digit timestamp")
        .contains("Rename it");
  }

  @Test
  void two_migrations_with_one_timestamp_should_fail_as_ambiguous() {
    assertThat(classFailure(Fixtures.run(DuplicateTestCase.class), DuplicateTestCase.class))
        .contains(
            "20240101120000_accounts.sql and 20240101120000_accounts_add_name.sql have the same"
                + " timestamp 20240101120000: their order is ambiguous");
  }

  @Test
  void a_missing_folder_should_fail_naming_it() {
    assertThat(classFailure(Fixtures.run(MissingFolderTestCase.class), MissingFolderTestCase.class))
        .contains(Path.of(DIR + "missing").toAbsolutePath().toString())
        .contains("does not exist");
  }

  @Test
  void an_unknown_source_should_fail_listing_the_valid_ones() {
    assertThat(classFailure(Fixtures.run(UnknownSourceTestCase.class), UnknownSourceTestCase.class))
        .contains(
            "source 'liquibase' is not valid; valid values: flyway, supabase, prisma, drizzle,"
                + " folder");
  }

  /** The outcomes are the Flyway form's, with each migration's label and script renamed. */
  private static void assertSameFindings(
      Map<String, String> outcomes, String first, String second) {
    Map<String, String> flyway = outcomes(Fixtures.run(FlywayTestCase.class));
    assertThat(outcomes.keySet()).containsExactly(first, second);
    List<String> expected = new ArrayList<>();
    for (String v : flyway.values()) {
      expected.add(
          v.replace("V2__accounts_add_name.sql", second)
              .replace("V2 accounts add name", second)
              .replace("V1 accounts", first));
    }
    assertThat(outcomes.values()).containsExactlyElementsOf(expected);
    assertThat(outcomes.get(second)).contains("[object-lost]");
  }
}
