package io.github.cofferdam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments (exit code 2, each with its message), {@code --help} and the keys it names. */
class UsageTest {

  private static final String HELP =
      "Run 'java -jar cofferdam-cli.jar check --help' for every option.\n";

  @TempDir Path dir;

  @Test
  void noCommand() {
    CliRun run = CliRun.of();

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "cofferdam: Missing the command: check\n"
                + "Run 'java -jar cofferdam-cli.jar --help' for every option.\n");
  }

  @Test
  void noFolder() {
    CliRun run = CliRun.of("check");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("cofferdam: Missing required parameter: '<folder>'\n" + HELP);
  }

  @Test
  void aFolderThatDoesNotExist() {
    Path missing = dir.resolve("nope");

    CliRun run = CliRun.of("check", missing.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "cofferdam: Invalid value for parameter '<folder>': no folder "
                + missing
                + " (in "
                + Path.of("").toAbsolutePath()
                + "); give the folder of the migrations, or for --source supabase or prisma the"
                + " project folder\n"
                + HELP);
  }

  @Test
  void aSeedFolderThatIsAFile() {
    Path file = CliRun.write(dir, "seeds.sql", "SELECT 1;");

    CliRun run = CliRun.of("check", dir.toString(), "--seeds", file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "cofferdam: Invalid value for option '--seeds': the file "
                + file
                + " is not a folder (in "
                + Path.of("").toAbsolutePath()
                + "); give an existing folder\n"
                + HELP);
  }

  @Test
  void anUnknownFormat() {
    CliRun run = CliRun.of("check", dir.toString(), "--format", "yaml");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "cofferdam: Invalid value for option '--format': yaml is not one of text, json,"
                + " markdown, junit-xml\n"
                + HELP);
  }

  @Test
  void anUnknownOption() {
    CliRun run = CliRun.of("check", dir.toString(), "--bogus");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("cofferdam: Unknown option: '--bogus'\n" + HELP);
  }

  @Test
  void aMisspeltKeyNamesTheNearestAndItsOption() {
    CliRun run = CliRun.of("check", dir.toString(), "-Dcofferdam.provder=container");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "cofferdam: Invalid value for option '-D': unknown key cofferdam.provder; did you"
                + " mean cofferdam.provider (option --provider)? Valid keys: cofferdam.baseline,")
        .endsWith(" and cofferdam.flyway.<any Flyway property> (docs/configuration.md)\n" + HELP);
  }

  @Test
  void aDefineWithoutValue() {
    CliRun run = CliRun.of("check", dir.toString(), "-D", "cofferdam.rules");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "cofferdam: Invalid value for option '-D': cofferdam.rules is not key=value, for"
                + " example -Dcofferdam.flyway.mixed=true\n"
                + HELP);
  }

  /** Values the extension validates: its message, each problem led by the option to change. */
  @Test
  void badKeyValuesNameTheirOptionAndTheValidValues() {
    CliRun.safeFolder(dir);
    CliRun run =
        CliRun.of(
            "check",
            dir.resolve("safe").toString(),
            "--provider",
            "docker",
            "--postgres-version",
            "9",
            "--statement-timeout",
            "soon",
            "--source",
            "liquibase");

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out())
        .isEqualTo(
            "cofferdam: Invalid Cofferdam configuration:\n"
                + "  - --provider: cofferdam.provider=docker is not valid; valid values: embedded,"
                + " container, external\n"
                + "  - --postgres-version: cofferdam.postgres.version=9 is not valid; valid"
                + " values: a PostgreSQL major version from 14 to 18 (default 17)\n"
                + "  - --source: source 'liquibase' is not valid; valid values: "
                + sourcesIn(run.out())
                + " (key cofferdam.source or attribute source)\n"
                + "  - --statement-timeout: "
                + statementTimeoutProblem(run.out())
                + "\n"
                + "See docs/configuration.md for every key, its default and an example.\n"
                + "Nothing was judged (exit code 2). See 'java -jar cofferdam-cli.jar check"
                + " --help'.\n");
  }

  @Test
  void aFolderWithoutMigrationsSuggestsTheOtherSources() {
    CliRun run = CliRun.of("check", dir.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out())
        .startsWith("cofferdam: no migrations found in [filesystem:" + dir + "]")
        .contains(
            "A Supabase or Prisma project: add --source supabase or --source prisma; any other"
                + " folder of .sql files: --source folder.\n");
  }

  @Test
  void helpListsEveryOptionWithItsKeyAndDefault() {
    CliRun run = CliRun.of("check", "--help");

    assertThat(run.code()).isEqualTo(0);
    String help = run.out().replaceAll("\\s+", " ");
    assertThat(help)
        .startsWith("Usage: java -jar cofferdam-cli.jar check ")
        .contains("<folder> The migrations:")
        .contains("Key cofferdam.locations; required.")
        .contains("--format=<format>")
        .contains("Default text.")
        .contains("-D, --define=<key=value>")
        .contains("Exit codes: 0 every migration is safe 1 a migration failed")
        .contains(" 2 usage or setup error");
    for (KeyOption option : KeyOption.ALL) {
      assertThat(help)
          .contains(option.name() + "=" + option.label())
          .contains("Key " + option.key() + "; default " + option.defaultValue() + ".");
    }
    assertThat(help)
        .contains("Key cofferdam.provider; default embedded.")
        .contains("Key cofferdam.report.dir; default target/cofferdam.");
  }

  @Test
  void topLevelHelpNamesTheCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).startsWith("Usage: java -jar cofferdam-cli.jar").contains("check");
  }

  /** A key added to the extension needs an option here, or a place in the -D-only list. */
  @Test
  void everyKeyOfTheExtensionIsReachable() throws ReflectiveOperationException {
    Field field = Class.forName("io.github.cofferdam.junit.Settings").getDeclaredField("KEYS");
    field.setAccessible(true);
    @SuppressWarnings("unchecked")
    Set<String> extensionKeys = (Set<String>) field.get(null);
    Set<String> cliKeys = new TreeSet<>(KeyOption.DEFINE_ONLY);
    KeyOption.ALL.forEach(o -> cliKeys.add(o.key()));
    cliKeys.add(KeyOption.FOLDER_KEY);

    assertThat(cliKeys).isEqualTo(new TreeSet<>(extensionKeys));
    assertThat(KeyOption.ALL.stream().map(KeyOption::key).distinct().count())
        .isEqualTo(KeyOption.ALL.size());
  }

  /** The statement timeout's problem as the extension words it (its wording is its own). */
  private static String statementTimeoutProblem(String out) {
    int start = out.indexOf("  - --statement-timeout: ") + "  - --statement-timeout: ".length();
    String problem = out.substring(start, out.indexOf('\n', start));
    assertThat(problem).startsWith("cofferdam.statement.timeout=soon is not");
    return problem;
  }

  private static String sourcesIn(String out) {
    int start = out.indexOf("valid values: flyway") + "valid values: ".length();
    return out.substring(start, out.indexOf(" (key cofferdam.source", start));
  }
}
