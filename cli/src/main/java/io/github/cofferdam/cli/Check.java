package io.github.cofferdam.cli;

import io.github.cofferdam.junit.MigrationTest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One {@code check}: runs {@link CofferdamCheck} under the JUnit Platform launcher with the keys as
 * configuration parameters, so that the walk, its checks, messages and reports are the extension's
 * own, then prints the chosen format and decides the exit code.
 *
 * <p>The extension prints the walk to {@code System.out}; for the run it is pointed at the stream
 * that carries the walk (standard output for {@code text}, else standard error), so one check runs
 * at a time in a JVM.
 */
final class Check {

  /** The JUnit XML report's file name (the TEST-*.xml pattern CI tools look for). */
  static final String JUNIT_XML = "TEST-cofferdam.xml";

  private static final Pattern KEY = Pattern.compile("cofferdam\\.[a-z]+(?:\\.[a-z]+)*");

  private final PrintStream out;
  private final PrintStream walk;
  private final String format;

  Check(PrintStream out, PrintStream err, String format) {
    this.out = out;
    this.walk = "text".equals(format) ? out : err;
    this.format = format;
  }

  int run(Map<String, String> keys) {
    Path reportDir =
        Path.of(
            Optional.ofNullable(keys.get(MigrationTest.REPORT_DIR_KEY))
                .or(() -> Optional.ofNullable(System.getProperty(MigrationTest.REPORT_DIR_KEY)))
                .orElse(KeyOption.DEFAULT_REPORT_DIR));
    String name = CofferdamCheck.class.getName();
    Path json = reportDir.resolve(name + ".json");
    Path markdown = reportDir.resolve(name + ".md");
    Path xml = reportDir.resolve(JUNIT_XML);
    for (Path stale : List.of(json, markdown, xml)) {
      delete(stale);
    }
    Outcome outcome = launch(keys, xml);

    List<Failure> setup = outcome.failures(false);
    if (!setup.isEmpty()) {
      delete(xml); // nothing was judged: no report of a run that did not happen
      for (Failure f : setup) {
        String message = message(f.error());
        walk.println("cofferdam: " + message);
        if (message.startsWith("no migrations found")
            && !keys.containsKey(MigrationTest.SOURCE_KEY)) {
          walk.println(
              "A Supabase or Prisma project: add --source supabase or --source prisma; any other"
                  + " folder of .sql files: --source folder.");
        }
      }
      walk.println("Nothing was judged (exit code 2). See '" + Cli.COMMAND + " check --help'.");
      return Main.USAGE;
    }
    List<Failure> findings = outcome.failures(true);
    for (Failure f : findings) {
      walk.println("[cofferdam] FAILED " + f.node() + ":\n" + indent(message(f.error())));
    }
    String reports =
        ". Reports in " + reportDir + ": " + markdown.getFileName() + ", .json, " + JUNIT_XML;
    if (findings.isEmpty()) {
      walk.println(
          "cofferdam: safe: "
              + outcome.migrations
              + (outcome.migrations == 1 ? " migration" : " migrations")
              + ", no finding that fails"
              + reports);
    } else {
      List<String> nodes = new ArrayList<>();
      findings.forEach(f -> nodes.add(f.node()));
      walk.println("cofferdam: FAILED: " + String.join(", ", nodes) + " (exit code 1)" + reports);
    }
    switch (format) {
      case "json":
        print(json);
        break;
      case "markdown":
        print(markdown);
        break;
      case "junit-xml":
        print(xml);
        break;
      default:
        break;
    }
    return findings.isEmpty() ? Main.SAFE : Main.FINDINGS;
  }

  /** Runs the class under the launcher, the walk's output on {@link #walk}. */
  private Outcome launch(Map<String, String> keys, Path xml) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(CofferdamCheck.class))
            .configurationParameters(keys)
            .build();
    Outcome outcome = new Outcome();
    PrintStream savedOut = System.out;
    // the extension finds cofferdam.flyway.* keys among system properties only (JUnit does not
    // let an extension list configuration parameters): those are set for the run, then restored
    Map<String, String> savedProperties = new LinkedHashMap<>();
    keys.forEach(
        (k, v) -> {
          if (k.startsWith(MigrationTest.FLYWAY_KEY_PREFIX)) {
            savedProperties.put(k, System.getProperty(k));
            System.setProperty(k, v);
          }
        });
    try {
      System.setOut(walk);
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request, outcome, new JunitXml(xml));
    } finally {
      System.setOut(savedOut);
      savedProperties.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
    return outcome;
  }

  /**
   * The extension's message as the command line's: without the class name, and each problem that
   * names a key preceded by the option that sets it.
   */
  static String message(Throwable error) {
    String name = CofferdamCheck.class.getName();
    // the extension's own errors carry their message; anything else is named with its type
    String text =
        error instanceof AssertionError
                || error instanceof org.junit.jupiter.api.extension.ExtensionConfigurationException
            ? String.valueOf(error.getMessage())
            : error.toString();
    text = text.replace(" for " + name + ":", ":").replace(name + ": ", "").replace(name, "check");
    StringBuilder result = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher key = KEY.matcher(line);
      if (line.startsWith("  - ") && key.find()) {
        String k = key.group();
        Optional<String> option =
            KeyOption.forKey(k)
                .map(KeyOption::name)
                .or(() -> Optional.of(KeyOption.FOLDER_KEY.equals(k) ? Cli.FOLDER : "-D" + k));
        line = "  - " + option.get() + ": " + line.substring(4);
      }
      result.append(line).append('\n');
    }
    return result.toString().stripTrailing();
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }

  private void print(Path file) {
    try {
      if (Files.exists(file)) {
        out.print(Files.readString(file, StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report " + file, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the earlier report " + file, e);
    }
  }

  /** A failed node: its name and what it threw. */
  record Failure(String node, Throwable error) {}

  /** Collects the failed nodes and counts the migrations. */
  private static final class Outcome implements TestExecutionListener {
    private final List<Failure> failures = new ArrayList<>();
    private TestPlan plan;
    private int migrations;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier node, TestExecutionResult result) {
      if (node.isTest()
          && plan.getParent(node).map(p -> "migrations".equals(p.getDisplayName())).orElse(false)) {
        migrations++;
      }
      if (result.getStatus() == TestExecutionResult.Status.FAILED) {
        Throwable error =
            result.getThrowable().orElseGet(() -> new IllegalStateException("no cause given"));
        boolean walkItself = CofferdamCheck.class.getSimpleName().equals(node.getDisplayName());
        failures.add(new Failure(walkItself ? "the walk" : node.getDisplayName(), error));
      }
    }

    /**
     * The failures that judge the migrations (assertion errors: a finding, a failed migration, a
     * broken workflow, drift), or the others (the configuration, the provider: nothing judged).
     */
    List<Failure> failures(boolean judged) {
      List<Failure> selected = new ArrayList<>();
      for (Failure f : failures) {
        if (f.error() instanceof AssertionError == judged) {
          selected.add(f);
        }
      }
      return selected;
    }
  }
}
