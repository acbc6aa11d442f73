package io.github.cofferdam.junit.internal.flyway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Statements of a migration that end or start a transaction themselves ({@code COMMIT}, {@code
 * ROLLBACK}, {@code BEGIN}, {@code START TRANSACTION}, {@code END}, {@code ABORT}, {@code PREPARE
 * TRANSACTION}), found among the statements Flyway parsed. Flyway runs such a migration in its
 * transaction and lets those statements end it; the walk applies it the same way (through {@code
 * flyway migrate()}), and replays it without them under its savepoint, where they would end the
 * transaction that holds the savepoint.
 */
public final class TransactionControl {

  /** Flyway's parse joined by {@link ReplayScript}: a semicolon on a line of its own. */
  private static final String SEPARATOR = "\n;\n";

  private static final Pattern LEADING_COMMENTS =
      Pattern.compile("\\A(\\s+|--[^\\n]*(\\n|\\z)|/\\*(?s:.*?)\\*/)*");

  private static final Pattern ROLLBACK_TO =
      Pattern.compile("rollback(\\s+(work|transaction))?\\s+to\\b");

  private TransactionControl() {}

  /** Whether any statement of the joined script ends or starts a transaction. */
  public static boolean in(Optional<String> joined) {
    return joined.isPresent() && statements(joined.get()).stream().anyMatch(TransactionControl::is);
  }

  /**
   * The joined script with its transaction control made savepoints, to replay it inside the
   * transaction that holds the replay's savepoint: each {@code COMMIT} (or {@code END}, {@code
   * PREPARE TRANSACTION}) starts a new segment, each {@code ROLLBACK} (or {@code ABORT}) undoes the
   * current one, as they would on a second run; {@code BEGIN} starts nothing (after a {@code
   * COMMIT} the segment is new already, before one PostgreSQL ignores it in a transaction).
   */
  public static String asSavepoints(String joined) {
    List<String> out = new ArrayList<>();
    out.add("SAVEPOINT " + SEGMENT);
    for (String s : statements(joined)) {
      switch (kind(s)) {
        case COMMIT:
          out.add("RELEASE SAVEPOINT " + SEGMENT + ";\nSAVEPOINT " + SEGMENT);
          break;
        case ROLLBACK:
          out.add("ROLLBACK TO SAVEPOINT " + SEGMENT);
          break;
        case BEGIN:
          break;
        default:
          out.add(s);
      }
    }
    return String.join(SEPARATOR, out);
  }

  private static final String SEGMENT = "cofferdam_segment";

  private static List<String> statements(String joined) {
    return List.of(joined.split(Pattern.quote(SEPARATOR), -1));
  }

  /** A statement without the comments and white space before its first word. */
  public static String withoutLeadingComments(String statement) {
    return LEADING_COMMENTS.matcher(statement).replaceFirst("");
  }

  /** Whether one statement ends or starts a transaction ({@code ROLLBACK TO} does not). */
  static boolean is(String statement) {
    return kind(statement) != Kind.NONE;
  }

  private enum Kind {
    COMMIT,
    ROLLBACK,
    BEGIN,
    NONE
  }

  private static Kind kind(String statement) {
    String s = withoutLeadingComments(statement).toLowerCase(Locale.ROOT);
    String[] words = s.split("[\\s;]+", 3);
    String first = words.length > 0 ? words[0] : "";
    String second = words.length > 1 ? words[1] : "";
    switch (first) {
      case "commit":
      case "end":
        return Kind.COMMIT;
      case "prepare":
        return second.equals("transaction") ? Kind.COMMIT : Kind.NONE;
      case "abort":
        return Kind.ROLLBACK;
      case "rollback":
        return ROLLBACK_TO.matcher(s).lookingAt() ? Kind.NONE : Kind.ROLLBACK;
      case "begin":
        return second.equals("atomic") ? Kind.NONE : Kind.BEGIN;
      case "start":
        return second.equals("transaction") ? Kind.BEGIN : Kind.NONE;
      default:
        return Kind.NONE;
    }
  }
}
