package io.github.cofferdam.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CHECK constraint of the form {@code col IN (...)}, {@code col = ANY (ARRAY[...])} or
 * {@code col = 'x'} as the column and the set of values it allows, as PostgreSQL prints them in
 * {@code pg_get_constraintdef}.
 *
 * @param column the constrained column
 * @param values the allowed values, unquoted, in the constraint's order
 * @since 0.1.0
 */
public record CheckValues(String column, List<String> values) {

  private static final String COLUMN =
      "\\(*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\)*(?:::[a-z ]+(?:\\[\\])?)?";
  private static final Pattern ANY =
      Pattern.compile("^CHECK \\(+" + COLUMN + " = ANY \\((.*)\\)\\)+(?: NOT VALID)?$");
  private static final Pattern ONE =
      Pattern.compile(
          "^CHECK \\(+" + COLUMN + " = ('(?:[^']|'')*')(?:::[a-z ]+)?\\)+(?: NOT VALID)?$");
  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

  /** Copies the values. */
  public CheckValues {
    values = List.copyOf(values);
  }

  /** Parses a constraint definition; empty when it is not a value-set CHECK. */
  public static Optional<CheckValues> parse(String definition) {
    if (definition == null) {
      return Optional.empty();
    }
    Matcher any = ANY.matcher(definition);
    if (any.matches()) {
      String array = any.group(2);
      if (!array.contains("ARRAY[")) {
        return Optional.empty();
      }
      return Optional.of(new CheckValues(any.group(1), literals(array)));
    }
    Matcher one = ONE.matcher(definition);
    if (one.matches()) {
      return Optional.of(new CheckValues(one.group(1), literals(one.group(2))));
    }
    return Optional.empty();
  }

  private static List<String> literals(String text) {
    List<String> values = new ArrayList<>();
    Matcher m = LITERAL.matcher(text);
    while (m.find()) {
      values.add(m.group(1).replace("''", "'"));
    }
    return values;
  }

  /** A value as SQL would write it: {@code 'it''s'}. */
  public static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
