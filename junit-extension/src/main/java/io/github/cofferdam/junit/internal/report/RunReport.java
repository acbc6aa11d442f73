package io.github.cofferdam.junit.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.WorkflowResult;
import io.github.cofferdam.junit.internal.drift.LiveDrift;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code <report dir>/<test class>.json} and {@code .md}, and renders the console table.
 * Reports contain no credentials: the server is described by provider, version and address.
 */
public final class RunReport {

  /** Version of the JSON format; bumped on any incompatible change. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunReport() {}

  /**
   * Writes both reports.
   *
   * @return the Markdown report's path
   */
  public static Path write(Path directory, String testClass, MigrationRun run) {
    return write(directory, testClass, run, null);
  }

  /**
   * Writes both reports, with the drift check's section when it ran.
   *
   * @param drift the drift check's result, or null when it did not run
   * @return the Markdown report's path
   */
  public static Path write(
      Path directory, String testClass, MigrationRun run, LiveDrift.Result drift) {
    return write(directory, testClass, run, drift, "");
  }

  /**
   * Writes both reports, with the drift check's section when it ran and the stand-in installed
   * before the first migration.
   *
   * @param drift the drift check's result, or null when it did not run
   * @param environment what the stand-in holds, or empty when the database started empty
   * @return the Markdown report's path
   */
  public static Path write(
      Path directory,
      String testClass,
      MigrationRun run,
      LiveDrift.Result drift,
      String environment) {
    return write(directory, testClass, run, drift, environment, null);
  }

  /**
   * The same, with the expected-schema check's node ({@code file}, {@code status}, {@code
   * differences}) when it ran.
   *
   * @param expectedSchema the node, in its order, or null when the check did not run
   * @return the Markdown report's path
   */
  public static Path write(
      Path directory,
      String testClass,
      MigrationRun run,
      LiveDrift.Result drift,
      String environment,
      Map<String, Object> expectedSchema) {
    try {
      Files.createDirectories(directory);
      Path json = directory.resolve(testClass + ".json");
      Path md = directory.resolve(testClass + ".md");
      String jsonText = json(testClass, run, drift, environment, expectedSchema);
      String markdown = markdown(testClass, run, environment);
      if (expectedSchema != null) {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) expectedSchema.get("differences");
        markdown +=
            "\n## Expected schema\n\n"
                + expectedSchema.get("file")
                + ": "
                + expectedSchema.get("status")
                + "\n"
                + (lines.isEmpty() ? "" : "\n- " + String.join("\n- ", lines) + "\n");
      }
      if (drift != null) {
        int n = drift.differences().size();
        markdown +=
            "\n## Drift\n\nLive database "
                + drift.url()
                + ": "
                + (drift.drifted()
                    ? n
                        + (n == 1 ? " difference" : " differences")
                        + "\n\n- "
                        + String.join("\n- ", drift.differences())
                        + "\n"
                    : "no drift\n");
      }
      Files.writeString(json, jsonText + "\n", StandardCharsets.UTF_8);
      Files.writeString(md, markdown, StandardCharsets.UTF_8);
      String summary = System.getenv("GITHUB_STEP_SUMMARY");
      if (summary != null && !summary.isBlank()) {
        Files.writeString(
            Path.of(summary),
            markdown + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
      return md;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Cofferdam report to " + directory, e);
    }
  }

  static String json(String testClass, MigrationRun run) {
    return json(testClass, run, null, "");
  }

  /**
   * The JSON report; its {@code drift} node is present only when the drift check ran, its {@code
   * environment} only when a stand-in was installed.
   */
  static String json(
      String testClass, MigrationRun run, LiveDrift.Result drift, String environment) {
    return json(testClass, run, drift, environment, null);
  }

  /** The same, with the {@code expectedSchema} node when that check ran. */
  static String json(
      String testClass,
      MigrationRun run,
      LiveDrift.Result drift,
      String environment,
      Map<String, Object> expectedSchema) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT_VERSION);
    root.put("testClass", testClass);
    root.put("database", run.database());
    root.put("server", run.server());
    if (!environment.isEmpty()) {
      root.put("environment", environment);
    }
    root.put("successful", run.successful());
    root.put("durationMillis", run.duration().toMillis());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepResult s : run.steps()) {
      steps.add(jsonStep(s));
    }
    root.put("steps", steps);
    List<Map<String, Object>> workflows = new ArrayList<>();
    for (WorkflowResult w : run.workflows()) {
      workflows.add(jsonWorkflow(w));
    }
    root.put("workflows", workflows);
    if (drift != null) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("url", drift.url());
      node.put("drifted", drift.drifted());
      node.put("differences", drift.differences());
      root.put("drift", node);
    }
    if (expectedSchema != null) {
      root.put("expectedSchema", expectedSchema);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One entry of the JSON {@code steps} array. */
  private static Map<String, Object> jsonStep(StepResult s) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("version", s.version());
    step.put("description", s.description());
    step.put("script", s.script());
    step.put("checksum", s.checksum());
    step.put("type", s.type());
    step.put("outcome", s.outcome().name());
    step.put("baseline", s.baseline());
    step.put("applyMillis", s.timings().apply().toMillis());
    step.put("replayMillis", s.timings().replay().toMillis());
    step.put("checksMillis", s.timings().checks().toMillis());
    s.failure().ifPresent(f -> step.put("failure", failure(f)));
    List<Map<String, Object>> findings = new ArrayList<>();
    for (Finding f : s.findings()) {
      findings.add(jsonFinding(f, s));
    }
    step.put("findings", findings);
    step.put(
        "schemaChanges",
        s.schemaDiff().changes().stream().map(SchemaChange::summary).collect(Collectors.toList()));
    step.put(
        "dataChanges",
        s.dataDiff().changed().stream()
            .map(t -> t.table() + ": " + t.description())
            .collect(Collectors.toList()));
    step.put("uncheckedNoData", s.uncheckedTables());
    step.put("locking", LockTable.json(s));
    return step;
  }

  /** One entry of a JSON step's {@code findings} array. */
  private static Map<String, Object> jsonFinding(Finding f, StepResult s) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("rule", f.rule().id());
    finding.put("severity", f.severity().name());
    finding.put("fails", f.fails() && !s.baseline());
    finding.put("object", f.object());
    finding.put("message", f.message());
    finding.put("remedy", f.remedy());
    finding.put("allowed", f.allowed().orElse(null));
    return finding;
  }

  /** One entry of the JSON {@code workflows} array. */
  private static Map<String, Object> jsonWorkflow(WorkflowResult w) {
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("name", w.name());
    workflow.put("broken", w.broken());
    workflow.put("passesFrom", w.passesFrom().orElse(null));
    workflow.put("culprit", w.culprit().orElse(null));
    workflow.put("report", w.report());
    List<Map<String, Object>> outcomes = new ArrayList<>();
    for (WorkflowResult.Outcome o : w.outcomes()) {
      Map<String, Object> outcome = new LinkedHashMap<>();
      outcome.put("migration", o.label());
      outcome.put("passed", o.passed());
      outcome.put("error", o.error().orElse(null));
      outcomes.add(outcome);
    }
    workflow.put("outcomes", outcomes);
    return workflow;
  }

  private static Map<String, Object> failure(MigrationFailure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sqlState", f.sqlState());
    m.put("sqlStateMeaning", f.sqlStateMeaning());
    m.put("message", f.message());
    m.put("detail", f.detail().orElse(null));
    m.put("hint", f.hint().orElse(null));
    m.put("line", f.line().orElse(null));
    m.put("statement", f.statement().orElse(null));
    m.put("report", f.report());
    return m;
  }

  static String markdown(String testClass, MigrationRun run) {
    return markdown(testClass, run, "");
  }

  static String markdown(String testClass, MigrationRun run, String environment) {
    StringBuilder md = new StringBuilder();
    markdownHeader(md, testClass, run, environment);
    markdownStepTable(md, run);
    for (StepResult s : run.steps()) {
      markdownStepDetails(md, s);
    }
    if (!run.workflows().isEmpty()) {
      markdownWorkflows(md, run);
    }
    run.failedStep()
        .flatMap(StepResult::failure)
        .ifPresent(f -> md.append("\n## Failure\n\n```\n").append(f.report()).append("\n```\n"));
    return md.toString();
  }

  /** The title and the database / server / result bullet list. */
  private static void markdownHeader(
      StringBuilder md, String testClass, MigrationRun run, String environment) {
    md.append("# Cofferdam walk: ").append(testClass).append("\n\n");
    md.append("- database: `").append(run.database()).append("`\n");
    md.append("- server: ").append(run.server()).append('\n');
    if (!environment.isEmpty()) {
      md.append("- environment: ").append(environment).append('\n');
    }
    md.append("- result: ")
        .append(run.successful() ? "every migration applied" : "FAILED")
        .append(" (")
        .append(run.steps().size())
        .append(" steps, ")
        .append(run.duration().toMillis())
        .append(" ms)\n\n");
  }

  /** The table with one row per step: outcome, verdict and timings. */
  private static void markdownStepTable(StringBuilder md, MigrationRun run) {
    md.append(
        "| # | migration | script | outcome | verdict | apply ms | replay ms | checks ms |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    int i = 1;
    for (StepResult s : run.steps()) {
      md.append("| ")
          .append(i++)
          .append(" | ")
          .append(s.label().replace("|", "\\|"))
          .append(" | `")
          .append(s.script())
          .append("` | ")
          .append(s.outcome().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(verdict(s))
          .append(" | ")
          .append(s.timings().apply().toMillis())
          .append(" | ")
          .append(s.timings().replay().toMillis())
          .append(" | ")
          .append(s.timings().checks().toMillis())
          .append(" |\n");
    }
  }

  /** A step's section (findings, schema and data changes, unchecked tables), if it has any. */
  private static void markdownStepDetails(StringBuilder md, StepResult s) {
    if (s.findings().isEmpty()
        && s.schemaDiff().isEmpty()
        && s.dataDiff().changed().isEmpty()
        && s.uncheckedTables().isEmpty()
        && LockTable.shown(s).isEmpty()) {
      return;
    }
    md.append("\n## ").append(s.label()).append("\n");
    if (!s.findings().isEmpty()) {
      markdownFindings(md, s);
    }
    if (!s.schemaDiff().isEmpty()) {
      md.append("\nSchema changes:\n\n");
      s.schemaDiff().changes().forEach(c -> md.append("- ").append(c.summary()).append('\n'));
    }
    if (!s.dataDiff().changed().isEmpty()) {
      md.append("\nData changes:\n\n");
      s.dataDiff()
          .changed()
          .forEach(
              t ->
                  md.append("- ")
                      .append(t.table())
                      .append(": ")
                      .append(t.description())
                      .append('\n'));
    }
    LockTable.markdown(md, s);
    if (!s.uncheckedTables().isEmpty()) {
      md.append("\nUnchecked, no data: ")
          .append(String.join(", ", s.uncheckedTables()))
          .append(" (seed them with cofferdam.seeds or @BeforeMigration)\n");
    }
  }

  /** The {@code Findings:} list of one step. */
  private static void markdownFindings(StringBuilder md, StepResult s) {
    md.append("\nFindings:\n\n");
    for (Finding f : s.findings()) {
      md.append("- **")
          .append(f.rule().id())
          .append("** (")
          .append(f.fails() && !s.baseline() ? "fails" : severityWord(f, s))
          .append("): ")
          .append(f.message().replace("\n", " "))
          .append("  \n  Fix: ")
          .append(f.remedy())
          .append(f.allowed().map(r -> "  \n  Allowed: " + r).orElse(""))
          .append('\n');
    }
  }

  /** The critical-workflow table: one column per applied migration, one row per workflow. */
  private static void markdownWorkflows(StringBuilder md, MigrationRun run) {
    md.append("\n## Critical workflows\n\n| workflow |");
    run.steps().stream()
        .filter(st -> st.outcome() == StepResult.Outcome.APPLIED)
        .forEach(
            st -> md.append(' ').append(st.repeatable() ? "R" : "V" + st.version()).append(" |"));
    md.append(" verdict |\n|---|");
    run.steps().stream()
        .filter(st -> st.outcome() == StepResult.Outcome.APPLIED)
        .forEach(st -> md.append("---|"));
    md.append("---|\n");
    for (WorkflowResult w : run.workflows()) {
      md.append("| ").append(w.name()).append(" |");
      w.outcomes().forEach(o -> md.append(o.passed() ? " pass |" : " FAIL |"));
      md.append(' ').append(w.report().replace("|", "\\|")).append(" |\n");
    }
  }

  private static String severityWord(Finding f, StepResult s) {
    if (f.allowed().isPresent()) {
      return "allowed";
    }
    if (s.baseline()) {
      return "baseline";
    }
    return f.severity().name().toLowerCase(Locale.ROOT);
  }

  /** {@code safe}, {@code 2 findings}, {@code failed} ... */
  static String verdict(StepResult s) {
    if (s.outcome() == StepResult.Outcome.FAILED) {
      return "failed";
    }
    int errors = s.errors().size();
    int others = s.findings().size() - errors;
    if (errors == 0 && others == 0) {
      return "safe";
    }
    return (errors > 0 ? errors + (errors == 1 ? " finding" : " findings") : "safe")
        + (others > 0 ? " (+" + others + " reported)" : "");
  }

  /** The per-migration walk as printed on the console. */
  public static String console(String testClass, MigrationRun run) {
    return console(testClass, run, "");
  }

  /**
   * The per-migration walk as printed on the console, after a line naming the stand-in installed
   * before the first migration.
   *
   * @param environment what the stand-in holds, or empty for none
   */
  public static String console(String testClass, MigrationRun run, String environment) {
    int width = 10;
    for (StepResult s : run.steps()) {
      width = Math.max(width, s.label().length());
    }
    StringBuilder out = new StringBuilder();
    out.append("[cofferdam] ")
        .append(testClass)
        .append(": ")
        .append(run.server())
        .append(", database ")
        .append(run.database())
        .append('\n');
    if (!environment.isEmpty()) {
      out.append("[cofferdam]   environment: ").append(environment).append('\n');
    }
    for (StepResult s : run.steps()) {
      out.append(
          String.format(
              Locale.ROOT,
              "[cofferdam]   %-" + width + "s  %-7s %6d ms  %s%n",
              s.label(),
              s.outcome().name().toLowerCase(Locale.ROOT),
              s.duration().toMillis(),
              verdict(s)));
      LockTable.console(s).ifPresent(l -> out.append("[cofferdam]     ").append(l).append('\n'));
    }
    for (WorkflowResult w : run.workflows()) {
      out.append("[cofferdam]   ").append(w.report()).append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT,
            "[cofferdam]   %d of %d migrations applied in %d ms%n",
            run.steps().stream().filter(s -> s.outcome() == StepResult.Outcome.APPLIED).count(),
            run.steps().size(),
            run.duration().toMillis()));
    return out.toString();
  }
}
