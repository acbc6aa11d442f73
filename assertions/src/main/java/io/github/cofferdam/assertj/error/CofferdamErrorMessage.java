package io.github.cofferdam.assertj.error;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * Base of Cofferdam's message factories: a message computed up front, printed as it is (strings
 * inside it are not quoted again by AssertJ's representation).
 *
 * @since 0.1.0
 */
public abstract class CofferdamErrorMessage extends BasicErrorMessageFactory {

  /** A message; AssertJ prefixes it with the assertion's description, if any. */
  protected CofferdamErrorMessage(String message) {
    super("%n%s", unquotedString(message));
  }

  /** {@code - a}, one per line, indented by two spaces. */
  protected static String bullets(Iterable<String> lines) {
    StringBuilder s = new StringBuilder();
    for (String line : lines) {
      s.append("\n  - ").append(line);
    }
    return s.toString();
  }
}
