package io.github.cofferdam.junit.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A script's statements with the line each starts on, split at top-level semicolons (not inside
 * quotes, dollar quotes or comments): how a finding of the lock rules names the statement that took
 * the lock. Only for naming; the walk applies what Flyway parsed.
 */
final class ScriptStatements {

  /**
   * One statement.
   *
   * @param line the line its first word is on, from 1
   * @param text its text, comments and white space as written
   */
  record Statement(int line, String text) {

    /** Upper case, comments dropped, white space condensed: for matching. */
    String normalized() {
      return text.replaceAll("--[^\n]*", " ")
          .replaceAll("(?s)/\\*.*?\\*/", " ")
          .replaceAll("\\s+", " ")
          .strip()
          .toUpperCase(Locale.ROOT);
    }

    /** Whether it names {@code identifier} as a word (quoted or not, any case). */
    boolean names(String identifier) {
      return Pattern.compile(
              "(?<![\\w$])\"?" + Pattern.quote(identifier) + "\"?(?![\\w$])",
              Pattern.CASE_INSENSITIVE)
          .matcher(text)
          .find();
    }

    /** {@code line 3: ALTER TABLE orders …}, for a message. */
    String shown() {
      return "line " + line + ": " + Checks.firstLine(text);
    }
  }

  private final List<Statement> statements;

  private ScriptStatements(List<Statement> statements) {
    this.statements = statements;
  }

  static ScriptStatements of(Optional<String> text) {
    return new ScriptStatements(text.map(ScriptStatements::split).orElse(List.of()));
  }

  /** The first statement that names {@code identifier} and matches {@code test}. */
  Optional<Statement> first(String identifier, Predicate<String> test) {
    return statements.stream()
        .filter(s -> s.names(identifier) && test.test(s.normalized()))
        .findFirst();
  }

  /** The statements after {@code s}. */
  List<Statement> after(Statement s) {
    int i = statements.indexOf(s);
    return i < 0 ? List.of() : statements.subList(i + 1, statements.size());
  }

  private static List<Statement> split(String text) {
    List<Statement> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        i = end < 0 ? n : end + 1;
      } else if (c == '$') {
        var m = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(text).region(i, n);
        if (m.lookingAt()) {
          String tag = m.group();
          int end = text.indexOf(tag, m.end());
          i = end < 0 ? n : end + tag.length();
        } else {
          i++;
        }
      } else if (c == ';') {
        add(out, text, start, i);
        start = ++i;
      } else {
        i++;
      }
    }
    add(out, text, start, n);
    return out;
  }

  private static void add(List<Statement> out, String text, int start, int end) {
    String s = text.substring(start, end);
    Statement st = new Statement(0, s);
    if (st.normalized().isEmpty()) {
      return;
    }
    // the line of its first word: skip white space and comments before it
    int at = start;
    while (at < end) {
      if (Character.isWhitespace(text.charAt(at))) {
        at++;
      } else if (text.startsWith("--", at)) {
        int nl = text.indexOf('\n', at);
        at = nl < 0 ? end : nl + 1;
      } else if (text.startsWith("/*", at)) {
        int close = text.indexOf("*/", at + 2);
        at = close < 0 ? end : close + 2;
      } else {
        break;
      }
    }
    int line = 1;
    for (int k = 0; k < at && k < text.length(); k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    out.add(new Statement(line, text.substring(at, end)));
  }
}
