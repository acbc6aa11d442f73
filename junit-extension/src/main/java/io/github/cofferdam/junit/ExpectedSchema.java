package io.github.cofferdam.junit;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SchemaText;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected-schema file of key cofferdam.schema.expected: after a successful walk, the schema
 * the migrations built, rendered by {@link SchemaText}, is compared with the file (or written to it
 * with cofferdam.schema.update=true). Flyway's history table is left out: it is Flyway's, not the
 * application's, and its shape follows the Flyway version.
 */
final class ExpectedSchema {

  private ExpectedSchema() {}

  /** The file ({@code file} empty: no check) and whether to rewrite it instead of comparing. */
  record Target(String file, boolean update) {}

  /**
   * The result: {@code status} is {@code matched}, {@code written}, {@code missing} or {@code
   * differs}; {@code differences} the lines of {@link SchemaText#differences} when it differs.
   */
  record Outcome(Path file, String status, List<String> differences) {
    Outcome {
      differences = List.copyOf(differences);
    }

    boolean failed() {
      return status.equals("missing") || status.equals("differs");
    }

    /** The report's {@code expectedSchema} node: file, status, differences. */
    Map<String, Object> node() {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("file", file.toString());
      node.put("status", status);
      node.put("differences", differences);
      return node;
    }

    /** The message of a failed outcome: what differs and how to accept it. */
    String report() {
      String fix =
          "  fix:       if the change is intended, run the test with -D"
              + MigrationTest.SCHEMA_UPDATE_KEY
              + "=true and commit "
              + file
              + "; otherwise fix the migration";
      if (status.equals("missing")) {
        return "Expected-schema file "
            + file.toAbsolutePath()
            + " does not exist\n  fix:       run the test once with -D"
            + MigrationTest.SCHEMA_UPDATE_KEY
            + "=true to write it, then commit it";
      }
      return "The schema the migrations built differs from the expected-schema file "
          + file
          + " ("
          + differences.size()
          + (differences.size() == 1 ? " difference" : " differences")
          + "):\n    "
          + String.join("\n    ", differences)
          + "\n"
          + fix;
    }
  }

  /** Fails the class, after the reports are written, when the file is missing or differs. */
  static void failIfDiffers(Outcome outcome, Path report) {
    if (outcome != null && outcome.failed()) {
      throw new CofferdamExtension.MigrationFailedError(
          outcome.report() + "\n  report:    " + report);
    }
  }

  /** The outcome, or null when no file is configured or the walk failed. */
  static Outcome run(Settings settings, TestDatabase database, MigrationRun run) {
    Target target = settings.expectedSchema();
    if (target.file().isEmpty() || !run.successful()) {
      return null;
    }
    String built;
    try (Connection c = database.getConnection()) {
      built =
          render(
              CatalogSnapshot.capture(
                  c, SnapshotOptions.defaults().excludeSchemas("_cofferdam").withoutData()),
              historyTable(settings));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the migrated database: " + e.getMessage(), e);
    }
    Path file = Path.of(target.file());
    try {
      if (target.update()) {
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, built, StandardCharsets.UTF_8);
        System.out.println("Cofferdam: wrote the expected-schema file " + file.toAbsolutePath());
        return new Outcome(file, "written", List.of());
      }
      if (!Files.isRegularFile(file)) {
        return new Outcome(file, "missing", List.of());
      }
      List<String> differences =
          SchemaText.differences(Files.readString(file, StandardCharsets.UTF_8), built);
      return new Outcome(file, differences.isEmpty() ? "matched" : "differs", differences);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file.toAbsolutePath(), e);
    }
  }

  /** The rendered text without the block of Flyway's history table (any schema). */
  static String render(CatalogSnapshot snapshot, String historyTable) {
    String suffix = "." + historyTable;
    StringBuilder out = new StringBuilder();
    for (String block : SchemaText.render(snapshot).split("\n\n")) {
      String header = block.lines().findFirst().orElse("");
      if (header.startsWith("table ") && header.endsWith(suffix)) {
        continue;
      }
      out.append(out.length() == 0 ? "" : "\n").append(block.endsWith("\n") ? block : block + "\n");
    }
    return out.toString();
  }

  /** The history table as the walk's Flyway names it: the key, a flyway.table property, default. */
  private static String historyTable(Settings settings) {
    return !settings.flyway().table().isEmpty()
        ? settings.flyway().table()
        : settings
            .flyway()
            .properties()
            .getOrDefault("flyway.table", org.flywaydb.core.Flyway.configure().getTable());
  }
}
