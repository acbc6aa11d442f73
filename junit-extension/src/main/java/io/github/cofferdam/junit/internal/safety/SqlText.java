package io.github.cofferdam.junit.internal.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The walk's own SQL, read from {@code .sql} resources beside this package.
 *
 * <p>A resource may include another by name ({@code {{locked}}} reads {@code locked.sql}), and a
 * line ending in {@code -- if:migration} or {@code -- if:replay} belongs to that variant only (the
 * change query after a migration and after its replay differ in a few lines). Lines that are only a
 * comment are left out of the text sent.
 */
final class SqlText {

  private static final Pattern INCLUDE = Pattern.compile("\\{\\{([a-z-]+)}}");
  private static final String MIGRATION = "-- if:migration";
  private static final String REPLAY = "-- if:replay";

  private SqlText() {}

  /** A resource as it is, but for its comment lines. */
  static String of(String name) {
    return of(name, false);
  }

  /**
   * A resource in one of its two variants.
   *
   * @param replay whether the lines marked {@code if:replay} (and not those marked {@code
   *     if:migration}) are kept
   */
  static String of(String name, boolean replay) {
    StringBuilder text = new StringBuilder();
    for (String line : read(name).split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(MIGRATION) || trimmed.endsWith(REPLAY)) {
        if (trimmed.endsWith(REPLAY) != replay) {
          continue;
        }
        line = line.substring(0, line.lastIndexOf("--")).stripTrailing();
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(line);
    }
    Matcher m = INCLUDE.matcher(text);
    StringBuilder joined = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(joined, Matcher.quoteReplacement(of(m.group(1), replay)));
    }
    m.appendTail(joined);
    return joined.toString();
  }

  private static String read(String name) {
    try (InputStream in = SqlText.class.getResourceAsStream(name + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("Cofferdam's resource " + name + ".sql is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cofferdam could not read its resource " + name + ".sql", e);
    }
  }
}
