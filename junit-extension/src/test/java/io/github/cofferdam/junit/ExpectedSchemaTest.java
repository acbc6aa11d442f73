package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.classFailure;
import static io.github.cofferdam.junit.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected-schema file (cofferdam.schema.expected, cofferdam.schema.update) on a real walk. */
class ExpectedSchemaTest {

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=alice")
  static class Fixture implements MigrationSafety {
    @Test
    void nothing() {}
  }

  private static final String ORDERS_TOTAL = "column total numeric(12,2) not null default 0";

  private static Map<String, String> keys(Path file, String update) {
    return update == null
        ? Map.of(MigrationTest.EXPECTED_SCHEMA_KEY, file.toString())
        : Map.of(
            MigrationTest.EXPECTED_SCHEMA_KEY,
            file.toString(),
            MigrationTest.SCHEMA_UPDATE_KEY,
            update);
  }

  @Test
  void updateWritesTheFileAndAMatchingFilePasses(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/dir/schema.txt");
    var written = run(Fixture.class, keys(file, "true"));
    assertThat(written.containerEvents().failed().count()).isZero();
    String text = Files.readString(file);
    assertThat(text)
        .contains("table public.orders\n")
        .contains("  " + ORDERS_TOTAL + "\n")
        .contains("  constraint orders_status_check CHECK ")
        .contains("view public.order_summary\n")
        .doesNotContain("flyway_schema_history");

    // the class passes (its migrations' own findings are the step tests', not the class's)
    var compared = run(Fixture.class, keys(file, null));
    assertThat(compared.containerEvents().failed().count()).isZero();
    assertThat(compared.containerEvents().succeeded().count()).isPositive();
  }

  @Test
  void aChangedFileFailsTheClassWithTheDifferences(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("schema.txt");
    run(Fixture.class, keys(file, "true"));
    String text = Files.readString(file);
    Files.writeString(
        file,
        text.replace(ORDERS_TOTAL, "column total integer not null default 0")
            + "\ntable public.gone\n  column id integer\n");

    String message = classFailure(run(Fixture.class, keys(file, "false")), Fixture.class);
    assertThat(message)
        .isEqualTo(
            "The schema the migrations built differs from the expected-schema file "
                + file
                + " (3 differences):\n"
                + "    table public.gone: expected, not built\n"
                + "    table public.orders: expected \"column total integer not null default 0\","
                + " not built\n"
                + "    table public.orders: built \""
                + ORDERS_TOTAL
                + "\", not expected\n"
                + "  fix:       if the change is intended, run the test with"
                + " -Dcofferdam.schema.update=true and commit "
                + file
                + "; otherwise fix the migration\n"
                + "  report:    target/cofferdam/"
                + Fixture.class.getName()
                + ".md");
  }

  @Test
  void aMissingFileFailsTellingHowToWriteIt(@TempDir Path dir) {
    Path file = dir.resolve("absent.txt");
    String message = classFailure(run(Fixture.class, keys(file, null)), Fixture.class);
    assertThat(message)
        .isEqualTo(
            "Expected-schema file "
                + file.toAbsolutePath()
                + " does not exist\n"
                + "  fix:       run the test once with -Dcofferdam.schema.update=true to write it,"
                + " then commit it\n"
                + "  report:    target/cofferdam/"
                + Fixture.class.getName()
                + ".md");
    assertThat(file).doesNotExist();
  }

  @Test
  void aBadUpdateValueIsAConfigurationProblem(@TempDir Path dir) {
    String message =
        classFailure(run(Fixture.class, keys(dir.resolve("s.txt"), "yes")), Fixture.class);
    assertThat(message)
        .contains(
            "  - cofferdam.schema.update=yes is not valid; valid values: true (rewrite the file of"
                + " cofferdam.schema.expected instead of comparing), false (the default)\n");
  }

  @Test
  void theReportsHoldAnExpectedSchemaNode(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("schema.txt");
    run(Fixture.class, keys(file, "true"));
    Files.writeString(file, Files.readString(file) + "\ntable public.gone\n  column id integer\n");
    Path reports = dir.resolve("reports");
    Map<String, String> keys = new java.util.HashMap<>(keys(file, null));
    keys.put(MigrationTest.REPORT_DIR_KEY, reports.toString());
    run(Fixture.class, keys);
    String json = Files.readString(reports.resolve(Fixture.class.getName() + ".json"));
    var node =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("expectedSchema");
    assertThat(node.fieldNames()).toIterable().containsExactly("file", "status", "differences");
    assertThat(node.get("status").asText()).isEqualTo("differs");
    assertThat(node.get("differences").get(0).asText())
        .isEqualTo("table public.gone: expected, not built");
    assertThat(Files.readString(reports.resolve(Fixture.class.getName() + ".md")))
        .contains(
            "\n## Expected schema\n\n"
                + file
                + ": differs\n\n- table public.gone: expected, not built\n");
  }
}
