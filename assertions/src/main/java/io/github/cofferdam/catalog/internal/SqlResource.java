package io.github.cofferdam.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL files next to this package's classes, and their two placeholders: {@code ${schemas}}, the
 * schema filter on {@code n} ({@code pg_namespace}), and {@code ${only:column}}, which a partial
 * read replaces with a filter of that OID column on its first argument (a whole read with nothing).
 */
final class SqlResource {

  private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
  private static final Pattern ONLY = Pattern.compile("\\$\\{only:([a-z_.]+)}");

  private SqlResource() {}

  /** The text of {@code name}, its comment lines left out. */
  static String text(String name) {
    return TEXTS.computeIfAbsent(name, SqlResource::load);
  }

  /** {@code name} with its placeholders filled in. */
  static String query(String name, String schemaFilter, boolean partial) {
    String sql = text(name).replace("${schemas}", "(" + schemaFilter + ")");
    Matcher only = ONLY.matcher(sql);
    return only.replaceAll(
            partial
                ? Matcher.quoteReplacement("AND ")
                    + "$1"
                    + Matcher.quoteReplacement(
                        " = ANY(" + SessionStatements.argument(1) + "::oid[])")
                : "")
        .strip();
  }

  private static String load(String name) {
    try (InputStream in = SqlResource.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the SQL resource " + name + " is missing from the jar");
      }
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.strip().startsWith("--") && !line.isBlank()) {
          sql.append(line.strip()).append('\n');
        }
      }
      return sql.toString().strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SQL resource " + name, e);
    }
  }
}
