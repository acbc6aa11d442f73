package io.github.cofferdam.junit.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.StepResult;
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
    try {
      Files.createDirectories(directory);
      Path json = directory.resolve(testClass + ".json");
      Path md = directory.resolve(testClass + ".md");
      Files.writeString(json, json(testClass, run) + "\n", StandardCharsets.UTF_8);
      Files.writeString(md, markdown(testClass, run), StandardCharsets.UTF_8);
      return md;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Cofferdam report to " + directory, e);
    }
  }

  static String json(String testClass, MigrationRun run) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT_VERSION);
    root.put("testClass", testClass);
    root.put("database", run.database());
    root.put("server", run.server());
    root.put("successful", run.successful());
    root.put("durationMillis", run.duration().toMillis());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepResult s : run.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("version", s.version());
      step.put("description", s.description());
      step.put("script", s.script());
      step.put("checksum", s.checksum());
      step.put("type", s.type());
      step.put("outcome", s.outcome().name());
      step.put("durationMillis", s.duration().toMillis());
      s.failure().ifPresent(f -> step.put("failure", failure(f)));
      steps.add(step);
    }
    root.put("steps", steps);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
    StringBuilder md = new StringBuilder();
    md.append("# Cofferdam walk: ").append(testClass).append("\n\n");
    md.append("- database: `").append(run.database()).append("`\n");
    md.append("- server: ").append(run.server()).append('\n');
    md.append("- result: ")
        .append(run.successful() ? "every migration applied" : "FAILED")
        .append(" (")
        .append(run.steps().size())
        .append(" steps, ")
        .append(run.duration().toMillis())
        .append(" ms)\n\n");
    md.append("| # | migration | script | outcome | ms |\n|---|---|---|---|---|\n");
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
          .append(s.duration().toMillis())
          .append(" |\n");
    }
    run.failedStep()
        .flatMap(StepResult::failure)
        .ifPresent(f -> md.append("\n## Failure\n\n```\n").append(f.report()).append("\n```\n"));
    return md.toString();
  }

  /** The per-migration walk as printed on the console. */
  public static String console(String testClass, MigrationRun run) {
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
    for (StepResult s : run.steps()) {
      out.append(
          String.format(
              Locale.ROOT,
              "[cofferdam]   %-" + width + "s  %-7s %6d ms%n",
              s.label(),
              s.outcome().name().toLowerCase(Locale.ROOT),
              s.duration().toMillis()));
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
