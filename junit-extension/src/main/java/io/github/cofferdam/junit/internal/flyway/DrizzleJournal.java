package io.github.cofferdam.junit.internal.flyway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drizzle's migrations: {@code <tag>.sql} for each entry of {@code meta/_journal.json}, in the
 * order of the entries' {@code idx}, which is the version. drizzle-kit's migrator applies the
 * entries of the journal and nothing else, so a file the journal does not list, an entry without
 * its file and two entries with one {@code idx} or tag are errors: the history is out of sync.
 */
final class DrizzleJournal {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DrizzleJournal() {}

  static List<SourceFiles.Source> read(Path folder) {
    Path journal = folder.resolve("meta").resolve("_journal.json");
    if (!Files.isRegularFile(journal)) {
      throw new IllegalStateException(
          "the drizzle folder "
              + folder
              + " has no meta/_journal.json, which orders its migrations. Run drizzle-kit generate,"
              + " or point cofferdam.locations at the folder that holds meta/.");
    }
    JsonNode entries;
    try {
      entries = JSON.readTree(journal.toFile()).path("entries");
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the drizzle journal " + journal + ": " + e.getMessage(), e);
    }
    if (!entries.isArray()) {
      throw new IllegalStateException(
          "the drizzle journal "
              + journal
              + " has no \"entries\" array. Run drizzle-kit generate.");
    }
    Map<Integer, SourceFiles.Source> byIdx = new TreeMap<>();
    Set<String> tags = new LinkedHashSet<>();
    for (JsonNode entry : entries) {
      JsonNode idx = entry.path("idx");
      String tag = entry.path("tag").asText("");
      if (!idx.canConvertToInt() || idx.asInt() < 0 || tag.isEmpty()) {
        throw new IllegalStateException(
            "the drizzle journal "
                + journal
                + " has an entry without a numeric idx and a tag: "
                + entry
                + ". Each entry needs both, as drizzle-kit generate writes them.");
      }
      Path file = folder.resolve(tag + ".sql");
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "the drizzle journal "
                + journal
                + " lists "
                + tag
                + " (idx "
                + idx.asInt()
                + "), but "
                + file
                + " does not exist. Restore the file or remove its entry.");
      }
      SourceFiles.Source source =
          new SourceFiles.Source(file, tag + ".sql", String.valueOf(idx.asInt()));
      SourceFiles.Source before = byIdx.putIfAbsent(idx.asInt(), source);
      if (before != null) {
        throw new IllegalStateException(
            "the drizzle journal "
                + journal
                + " gives "
                + before.script()
                + " and "
                + source.script()
                + " the same idx "
                + idx.asInt()
                + ": their order is ambiguous. Give each entry its own idx.");
      }
      if (!tags.add(tag)) {
        throw new IllegalStateException(
            "the drizzle journal " + journal + " lists " + tag + " twice. Remove one entry.");
      }
    }
    List<String> unlisted = new ArrayList<>();
    for (Path p : SourceFiles.list(folder)) {
      String name = p.getFileName().toString();
      if (Files.isRegularFile(p)
          && name.endsWith(".sql")
          && !tags.contains(name.substring(0, name.length() - 4))) {
        unlisted.add(name);
      }
    }
    if (!unlisted.isEmpty()) {
      throw new IllegalStateException(
          "the drizzle migrations "
              + String.join(", ", unlisted)
              + " in "
              + folder
              + " are not in meta/_journal.json, so drizzle-kit never applies them: the journal is"
              + " out of sync with the folder. Add their entries (drizzle-kit generate) or remove"
              + " the files.");
    }
    return List.copyOf(byIdx.values());
  }
}
