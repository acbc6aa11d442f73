package io.github.cofferdam.cli;

import io.github.cofferdam.junit.MigrationTest;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Parses the arguments with picocli (one table of options, {@link KeyOption#ALL}, so that the help
 * and the keys cannot disagree), turns them into {@code cofferdam.*} keys and runs {@link Check}.
 */
final class Cli {

  static final String COMMAND = "java -jar cofferdam-cli.jar";
  static final String FOLDER = "<folder>";
  static final String FORMAT = "--format";
  static final String DEFINE = "--define";
  static final List<String> FORMATS = List.of("text", "json", "markdown", "junit-xml");

  private final PrintStream out;
  private final PrintStream err;

  Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String... args) {
    CommandLine top = commandLine();
    ParseResult parsed;
    try {
      parsed = top.parseArgs(args);
    } catch (ParameterException e) {
      return usage(e.getMessage(), e.getCommandLine());
    }
    if (CommandLine.printHelpIfRequested(parsed)) {
      return Main.SAFE;
    }
    if (!parsed.hasSubcommand()) {
      return usage("Missing the command: check", top);
    }
    ParseResult check = parsed.subcommand();
    CommandLine checkLine = check.commandSpec().commandLine();
    try {
      Map<String, String> keys = keys(check);
      String format = check.matchedOptionValue(FORMAT, "text");
      if (!FORMATS.contains(format)) {
        throw new ParameterException(
            checkLine,
            "Invalid value for option '"
                + FORMAT
                + "': "
                + format
                + " is not one of "
                + String.join(", ", FORMATS));
      }
      return new Check(out, err, format).run(keys);
    } catch (ParameterException e) {
      return usage(e.getMessage(), checkLine);
    }
  }

  /** The keys of a parsed {@code check}: {@code -D} entries first, then the options, which win. */
  private static Map<String, String> keys(ParseResult check) {
    CommandLine line = check.commandSpec().commandLine();
    Map<String, String> keys = new LinkedHashMap<>();
    for (String entry : check.matchedOptionValue(DEFINE, new String[0])) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(
            line,
            "Invalid value for option '-D': "
                + entry
                + " is not key=value, for example -Dcofferdam.flyway.mixed=true");
      }
      String key = entry.substring(0, eq).trim();
      checkKey(line, key);
      keys.put(key, entry.substring(eq + 1).trim());
    }
    for (KeyOption option : KeyOption.ALL) {
      if (check.hasMatchedOption(option.name())) {
        String value = check.matchedOptionValue(option.name(), "");
        keys.put(option.key(), option.location() ? location(line, option.name(), value) : value);
      }
    }
    String folder = check.matchedPositionalValue(0, "");
    String source =
        Optional.ofNullable(keys.get(MigrationTest.SOURCE_KEY))
            .or(() -> Optional.ofNullable(System.getProperty(MigrationTest.SOURCE_KEY)))
            .orElse("flyway");
    String location = location(line, FOLDER, folder);
    // Flyway reads a bare location from the class path; the other sources take a path
    keys.put(
        KeyOption.FOLDER_KEY,
        "flyway".equals(source) || location.startsWith("classpath:")
            ? location
            : location.substring("filesystem:".length()));
    return keys;
  }

  /** A key of {@code -D}: one of docs/configuration.md, or a usage error naming the nearest. */
  private static void checkKey(CommandLine line, String key) {
    if (key.startsWith(MigrationTest.FLYWAY_KEY_PREFIX)
        && key.length() > MigrationTest.FLYWAY_KEY_PREFIX.length()) {
      return;
    }
    TreeSet<String> known = new TreeSet<>(KeyOption.DEFINE_ONLY);
    KeyOption.ALL.forEach(o -> known.add(o.key()));
    if (known.contains(key)) {
      return;
    }
    if (key.equals(KeyOption.FOLDER_KEY)) {
      throw new ParameterException(
          line, "Invalid value for option '-D': " + key + " is set by the parameter " + FOLDER);
    }
    String nearest =
        Nearest.of(key, known)
            .map(
                k ->
                    "; did you mean "
                        + k
                        + KeyOption.forKey(k).map(o -> " (option " + o.name() + ")").orElse("")
                        + "?")
            .orElse("");
    throw new ParameterException(
        line,
        "Invalid value for option '-D': unknown key "
            + key
            + nearest
            + " Valid keys: "
            + String.join(", ", known)
            + " and "
            + MigrationTest.FLYWAY_KEY_PREFIX
            + "<any Flyway property> (docs/configuration.md)");
  }

  /**
   * A folder argument as a Flyway location: {@code filesystem:<path>}; a usage error when the
   * folder does not exist. {@code classpath:} locations pass unchanged.
   */
  private static String location(CommandLine line, String option, String value) {
    if (value.startsWith("classpath:")) {
      return value;
    }
    String path = value.startsWith("filesystem:") ? value.substring("filesystem:".length()) : value;
    Path folder = Path.of(path);
    if (!Files.isDirectory(folder)) {
      throw new ParameterException(
          line,
          "Invalid value for "
              + (option.equals(FOLDER) ? "parameter '" : "option '")
              + option
              + "': "
              + (Files.exists(folder) ? "the file " : "no folder ")
              + path
              + (Files.exists(folder) ? " is not a folder" : "")
              + " (in "
              + Path.of("").toAbsolutePath()
              + (option.equals(FOLDER)
                  ? "); give the folder of the migrations, or for --source supabase or prisma the"
                      + " project folder"
                  : "); give an existing folder"));
    }
    return "filesystem:" + path;
  }

  /** Prints a usage error and the way to the help; exit code {@link Main#USAGE}. */
  private int usage(String message, CommandLine line) {
    err.println("cofferdam: " + message);
    err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for every option.");
    return Main.USAGE;
  }

  /** The command line: {@code check} and its options, from {@link KeyOption#ALL}. */
  CommandLine commandLine() {
    CommandSpec top = CommandSpec.create().name(COMMAND).mixinStandardHelpOptions(true);
    top.version("Cofferdam " + version());
    top.usageMessage()
        .description("PostgreSQL migrations that prove themselves in CI (docs/cli.md).")
        .width(100);
    CommandSpec check = CommandSpec.create().name("check").mixinStandardHelpOptions(true);
    check.version("Cofferdam " + version());
    check
        .usageMessage()
        .width(100)
        .abbreviateSynopsis(true)
        .sortOptions(false)
        .description(
            "Applies the migrations of <folder> one at a time, each twice, on a disposable"
                + " PostgreSQL and judges each (docs/checks.md). Every option sets a key of"
                + " docs/configuration.md.")
        .footerHeading("%nExit codes:%n")
        .footer(
            "  0  every migration is safe",
            "  1  a migration failed, or has a finding that fails (or a workflow broke, or the"
                + " live database drifted)",
            "  2  usage or setup error: bad argument, folder, key value or provider; nothing was"
                + " judged");
    check.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .paramLabel(FOLDER)
            .type(String.class)
            .description(
                "The migrations: a folder of Flyway migrations (V1__name.sql), a Supabase or"
                    + " Prisma project (or its migrations folder) with --source, or any folder of"
                    + " .sql files with --source folder.",
                "Key " + KeyOption.FOLDER_KEY + "; required.")
            .build());
    for (KeyOption option : KeyOption.ALL) {
      check.addOption(
          OptionSpec.builder(option.name())
              .paramLabel(option.label())
              .type(String.class)
              .description(option.help())
              .build());
    }
    check.addOption(
        OptionSpec.builder(FORMAT)
            .paramLabel("<format>")
            .type(String.class)
            .description(
                "What standard output carries: text (the walk and the findings), json, markdown"
                    + " or junit-xml (the report itself; the walk then goes to standard error)."
                    + " Every report is written to the report directory in any case. Default"
                    + " text.")
            .build());
    check.addOption(
        OptionSpec.builder("-D", DEFINE)
            .paramLabel("<key=value>")
            .type(String[].class)
            .arity("1")
            .description(
                "Any other key of docs/configuration.md, repeatable: "
                    + MigrationTest.FLYWAY_KEY_PREFIX
                    + "<property> (for example -Dcofferdam.flyway.postgresql.transactional.lock"
                    + "=false), "
                    + String.join(", ", KeyOption.DEFINE_ONLY)
                    + ". An option above wins over the same key here.")
            .build());
    CommandLine line = new CommandLine(top);
    line.addSubcommand("check", new CommandLine(check));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line;
  }

  /** This jar's version, from its manifest; {@code dev} when run from classes. */
  private static String version() {
    return Optional.ofNullable(Cli.class.getPackage().getImplementationVersion()).orElse("dev");
  }

  /** The nearest of some names by edit distance, when it is near enough to be a typo. */
  static final class Nearest {
    private Nearest() {}

    static Optional<String> of(String name, Iterable<String> names) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String candidate : names) {
        int d = distance(name, candidate);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
        }
      }
      return bestDistance <= Math.max(2, name.length() / 5)
          ? Optional.ofNullable(best)
          : Optional.empty();
    }

    private static int distance(String a, String b) {
      int[] previous = new int[b.length() + 1];
      int[] current = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        previous[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        current[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          current[j] =
              Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        }
        int[] swap = previous;
        previous = current;
        current = swap;
      }
      return previous[b.length()];
    }
  }
}
