package io.github.cofferdam.junit.internal.flyway;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migrations of another tool's layout, presented to Flyway as versioned SQL migrations: a
 * {@link ResourceProvider} whose resources Flyway resolves, orders, parses and applies (one
 * transaction each) exactly as its own. Each resource's file name, which Flyway parses, is {@code
 * V<version>__<name>.sql}; its relative path, which is the migration's script and its name in every
 * report, is the tool's own file name.
 *
 * <ul>
 *   <li>{@code folder}: every {@code .sql} file of the folder, in file-name order; version = its
 *       ordinal (1, 2, …)
 *   <li>{@code supabase}: {@code supabase/migrations/<14-digit timestamp>_<name>.sql}; version =
 *       the timestamp
 *   <li>{@code prisma}: {@code prisma/migrations/<timestamp>_<name>/migration.sql}; version = the
 *       timestamp
 *   <li>{@code drizzle}: {@code drizzle/<tag>.sql} in the order of {@code meta/_journal.json};
 *       version = the entry's {@code idx}. Its {@code --> statement-breakpoint} lines are SQL
 *       comments to Flyway's parser, which splits the statements itself.
 * </ul>
 */
public final class SourceFiles {

  /** Flyway's own locations and layout. */
  public static final String FLYWAY = "flyway";

  /** Every source, in the order the docs list them. */
  public static final List<String> SOURCES =
      List.of(FLYWAY, "supabase", "prisma", "drizzle", "folder");

  private static final Pattern SUPABASE = Pattern.compile("(\\d+)_(.+)\\.sql");
  private static final Pattern PRISMA = Pattern.compile("(\\d+)_(.+)");

  private SourceFiles() {}

  /**
   * The label of a migration in reports and test names, the one rule for every caller: {@code V7
   * orders status} or {@code R order summary}; for a versioned file of another tool's layout (no
   * {@code __} in its name, and not a Java migration class {@code ….V…}) its own path, {@code
   * 20240101120000_orders.sql}.
   *
   * @param version the version, or null for a repeatable migration
   */
  public static String label(String version, String description, String script) {
    String file = script.substring(script.lastIndexOf('/') + 1);
    if (version != null && !file.contains("__") && !script.contains(".V")) {
      return script;
    }
    return (version == null ? "R" : "V" + version) + " " + description;
  }

  /**
   * The migrations of a source, read from a folder given as a path or as {@code filesystem:path}.
   * For {@code supabase} and {@code prisma} the folder is the project ({@code supabase/migrations}
   * or {@code prisma/migrations} beneath it) or the migrations folder itself.
   *
   * @throws IllegalStateException naming the folder or the file, the cause and the fix
   */
  public static ResourceProvider provider(String source, List<String> locations) {
    if (locations.size() > 1) {
      throw new IllegalStateException(
          "source="
              + source
              + " reads one folder, but cofferdam.locations has "
              + locations.size()
              + ": "
              + locations
              + ". Give one folder (a path or filesystem:path).");
    }
    String location = locations.isEmpty() ? "." : locations.get(0);
    if (location.startsWith("classpath:")) {
      throw new IllegalStateException(
          "source="
              + source
              + " reads a folder on disk, not "
              + location
              + ". Give a path or filesystem:path in cofferdam.locations.");
    }
    Path folder =
        Path.of(location.startsWith("filesystem:") ? location.substring(11) : location)
            .toAbsolutePath()
            .normalize();
    List<Source> files =
        switch (source) {
          case "folder" -> folder(existing(folder, source));
          case "supabase" -> timestamped(migrations(folder, "supabase"), source, false);
          case "prisma" -> timestamped(migrations(folder, "prisma"), source, true);
          case "drizzle" -> DrizzleJournal.read(drizzle(folder));
          default ->
              throw new IllegalStateException(
                  "cofferdam.source=" + source + " is not valid; valid values: " + SOURCES);
        };
    if (files.isEmpty()) {
      throw new IllegalStateException(
          "no migrations found in " + folder + " for source=" + source + ". " + expected(source));
    }
    return new Provider(files);
  }

  private static String expected(String source) {
    return switch (source) {
      case "supabase" -> "Supabase migrations are supabase/migrations/<yyyyMMddHHmmss>_<name>.sql.";
      case "prisma" -> "Prisma migrations are prisma/migrations/<timestamp>_<name>/migration.sql.";
      case "drizzle" ->
          "Drizzle migrations are drizzle/<nnnn>_<name>.sql, listed in meta/_journal.json.";
      default -> "Put .sql files there; they run in file-name order.";
    };
  }

  private static Path existing(Path folder, String source) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "the migrations folder "
              + folder
              + " (source="
              + source
              + ") does not exist. Point cofferdam.locations (or the CLI's <folder>) at it.");
    }
    return folder;
  }

  private static Path migrations(Path folder, String tool) {
    Path nested = folder.resolve(tool).resolve("migrations");
    return Files.isDirectory(nested) ? nested : existing(folder, tool);
  }

  /** The project's {@code drizzle} folder, or the folder itself when it holds {@code meta/}. */
  private static Path drizzle(Path folder) {
    Path nested = folder.resolve("drizzle");
    return !Files.isDirectory(folder.resolve("meta")) && Files.isDirectory(nested)
        ? nested
        : existing(folder, "drizzle");
  }

  private static List<Source> folder(Path folder) {
    List<Source> files = new ArrayList<>();
    int ordinal = 0;
    for (Path p : list(folder)) {
      String name = p.getFileName().toString();
      if (Files.isRegularFile(p) && name.endsWith(".sql")) {
        files.add(new Source(p, name, String.valueOf(++ordinal)));
      }
    }
    return files;
  }

  private static List<Source> timestamped(Path folder, String source, boolean inFolders) {
    Map<String, Source> byVersion = new LinkedHashMap<>();
    for (Path p : list(folder)) {
      String name = p.getFileName().toString();
      Path file = inFolders ? p.resolve("migration.sql") : p;
      if (inFolders ? !Files.isDirectory(p) : !name.endsWith(".sql")) {
        continue;
      }
      Matcher m = (inFolders ? PRISMA : SUPABASE).matcher(name);
      if (!m.matches() || m.group(1).length() != 14) {
        throw new IllegalStateException(
            "the "
                + source
                + " migration "
                + name
                + " in "
                + folder
                + " does not start with a 14-digit timestamp and an underscore"
                + " (yyyyMMddHHmmss_<name>); shorter timestamps collide and sort wrongly."
                + " Rename it, e.g. 20240101120000_"
                + name);
      }
      if (inFolders && !Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "the prisma migration folder " + p + " has no migration.sql. Add it or remove it.");
      }
      Source s = new Source(file, inFolders ? name + "/migration.sql" : name, m.group(1));
      Source before = byVersion.putIfAbsent(s.version(), s);
      if (before != null) {
        throw new IllegalStateException(
            "the "
                + source
                + " migrations "
                + before.script()
                + " and "
                + s.script()
                + " have the same timestamp "
                + s.version()
                + ": their order is ambiguous. Give one of them a later timestamp.");
      }
    }
    return List.copyOf(byVersion.values());
  }

  /** The entries of a folder, by file name. */
  static List<Path> list(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the migrations folder " + folder, e);
    }
  }

  /** A file of the source: where it is, its script (relative path) and its version. */
  record Source(Path path, String script, String version) {}

  /** The files as Flyway resources; the same resource for each call. */
  private static final class Provider implements ResourceProvider {
    private final List<LoadableResource> resources;

    Provider(List<Source> files) {
      this.resources = files.stream().map(FileResource::new).collect(Collectors.toList());
    }

    @Override
    public LoadableResource getResource(String name) {
      return resources.stream()
          .filter(r -> r.getRelativePath().equals(name))
          .findFirst()
          .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return resources.stream()
          .filter(r -> r.getFilename().startsWith(prefix))
          .filter(r -> Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith))
          .collect(Collectors.toList());
    }
  }

  private static final class FileResource extends LoadableResource {
    private final Source source;

    FileResource(Source source) {
      this.source = source;
    }

    @Override
    public Reader read() {
      try {
        return Files.newBufferedReader(source.path(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the migration " + source.path(), e);
      }
    }

    @Override
    public String getAbsolutePath() {
      return source.path().toString();
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return source.path().toString();
    }

    @Override
    public String getFilename() {
      String name = source.script().replaceAll("\\.sql$", "").replaceAll("[^A-Za-z0-9]+", "_");
      return "V" + source.version() + "__" + name + ".sql";
    }

    @Override
    public String getRelativePath() {
      return source.script();
    }
  }
}
