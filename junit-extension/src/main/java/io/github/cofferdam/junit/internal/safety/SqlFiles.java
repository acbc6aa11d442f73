package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.internal.flyway.FlywayInternals;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;

/** The {@code .sql} files of a location, read with Flyway's own scanner, sorted by file name. */
public final class SqlFiles {

  private SqlFiles() {}

  /** The files as resources, sorted by file name. */
  static List<LoadableResource> resources(String location, String key, ClassLoader loader) {
    FluentConfiguration config = Flyway.configure(loader).locations(location);
    List<LoadableResource> sorted;
    try {
      sorted =
          new ArrayList<>(
              FlywayInternals.scan(config).resources().getResources("", new String[] {".sql"}));
    } catch (FlywayException e) {
      throw new IllegalStateException(
          key + "=" + location + " cannot be read: " + e.getMessage(), e);
    }
    sorted.sort(Comparator.comparing(LoadableResource::getFilename));
    return sorted;
  }

  /** File name without {@code .sql} → text, sorted by name. */
  public static Map<String, String> read(String location, ClassLoader loader) {
    Map<String, String> files = new LinkedHashMap<>();
    for (LoadableResource r : resources(location, "cofferdam.workflows", loader)) {
      files.put(r.getFilename().replaceAll("\\.sql$", ""), text(r));
    }
    return files;
  }

  static String text(LoadableResource resource) {
    try (Reader reader = resource.read()) {
      StringBuilder s = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        s.append(buffer, 0, n);
      }
      return s.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource.getRelativePath(), e);
    }
  }

  /** The 1-based line of an offset in a text. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The statements of a SQL text as {@code [start, end)} offsets, split at semicolons outside
   * quotes, dollar quotes and comments; each starts at its first token, after any comment.
   */
  static List<int[]> statements(String text) {
    List<int[]> statements = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int skip = skipQuotedOrComment(text, i);
      if (skip > i) {
        if (start < 0 && !(c == '-' || c == '/')) {
          start = i;
        }
        i = skip;
        continue;
      }
      if (c == ';') {
        if (start >= 0) {
          statements.add(new int[] {start, i});
        }
        start = -1;
      } else if (start < 0 && !Character.isWhitespace(c)) {
        start = i;
      }
      i++;
    }
    if (start >= 0) {
      statements.add(new int[] {start, text.length()});
    }
    return statements;
  }

  /** The offset after a quoted string, identifier, dollar quote or comment at i, or i. */
  private static int skipQuotedOrComment(String text, int i) {
    char c = text.charAt(i);
    if (c == '-' && text.startsWith("--", i)) {
      int nl = text.indexOf('\n', i);
      return nl < 0 ? text.length() : nl;
    }
    if (c == '/' && text.startsWith("/*", i)) {
      int end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length() : end + 2;
    }
    if (c == '\'' || c == '"') {
      int end = text.indexOf(c, i + 1);
      return end < 0 ? text.length() : end + 1;
    }
    if (c == '$') {
      java.util.regex.Matcher tag =
          java.util.regex.Pattern.compile("\\$[A-Za-z_]*\\$")
              .matcher(text)
              .region(i, text.length());
      if (tag.lookingAt()) {
        int end = text.indexOf(tag.group(), tag.end());
        return end < 0 ? text.length() : end + tag.group().length();
      }
    }
    return i;
  }
}
