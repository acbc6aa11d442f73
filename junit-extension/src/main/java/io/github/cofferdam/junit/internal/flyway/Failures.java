package io.github.cofferdam.junit.internal.flyway;

import io.github.cofferdam.junit.MigrationFailure;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns what Flyway throws into one message: script, line, statement, SQLSTATE, and the fix. */
final class Failures {

  /**
   * CREATE EXTENSION of an extension the server has no files for: {@code extension "x" is not
   * available} (PostgreSQL 15 and later), or the control file it could not open (before).
   */
  private static final java.util.regex.Pattern MISSING_EXTENSION =
      java.util.regex.Pattern.compile(
          "extension \"([^\"]+)\" is not available|could not open extension control file"
              + " \"[^\"]*/([^/\"]+)\\.control\"");

  private Failures() {}

  static MigrationFailure explain(MigrationInfo m, FlywayException e, List<String> before) {
    FlywayInternals.Where where = FlywayInternals.locate(e);
    SQLException sql = MigrationWalker.sqlException(e);

    Optional<Integer> line = where.line();
    Optional<String> statement =
        where.statement().map(Failures::withoutLeadingComments).filter(s -> !s.isEmpty());

    String sqlState = sql == null ? null : sql.getSQLState();
    String message;
    Optional<String> detail = Optional.empty();
    Optional<String> hint = Optional.empty();
    Optional<String> context = Optional.empty();
    ServerErrorMessage server =
        sql instanceof PSQLException ? ((PSQLException) sql).getServerErrorMessage() : null;
    if (server != null) {
      message = server.getMessage();
      detail = Optional.ofNullable(server.getDetail());
      hint = Optional.ofNullable(server.getHint());
      context = Optional.ofNullable(server.getWhere());
    } else if (sql != null) {
      message = sql.getMessage();
    } else {
      message = firstLine(e.getMessage());
    }
    String meaning = SqlStates.meaning(sqlState);
    String name = m.getScript();

    StringBuilder report = new StringBuilder();
    report.append("Migration ").append(name).append(" failed");
    line.ifPresent(l -> report.append(" at line ").append(l));
    if (sqlState != null) {
      report.append(" with SQLSTATE ").append(sqlState).append(" (").append(meaning).append(')');
    }
    report.append('.');
    report.append("\n  error:     ").append(message);
    detail.ifPresent(d -> report.append("\n  detail:    ").append(d));
    hint.ifPresent(h -> report.append("\n  hint:      ").append(h));
    context.ifPresent(w -> report.append("\n  where:     ").append(w.replace("\n", " / ")));
    statement.ifPresent(s -> report.append("\n  statement: ").append(indent(s)));
    where.file().ifPresent(f -> report.append("\n  file:      ").append(f));
    report
        .append("\n  applied before it: ")
        .append(
            before.isEmpty()
                ? "nothing (it is the first pending migration)"
                : String.join(", ", before));
    report.append("\nFix ").append(name).append(fix(sqlState, message));
    return new MigrationFailure(
        sqlState, meaning, message, detail, hint, line, statement, report.toString());
  }

  /** What to do, after "Fix <script>". */
  private static String fix(String sqlState, String message) {
    String rolledBack =
        "; Flyway rolled its transaction back, so the steps before it are what the database"
            + " holds.";
    Optional<String> limit = SqlStates.limitHint(sqlState);
    if (limit.isPresent()) {
      return ", or " + limit.get() + rolledBack;
    }
    java.util.regex.Matcher extension = MISSING_EXTENSION.matcher(message == null ? "" : message);
    if (extension.find()) {
      String name = extension.group(1) != null ? extension.group(1) : extension.group(2);
      return ", or run the walk on a server that has the extension "
          + name
          + ": this server does not have it installed. Set cofferdam.provider=container with"
          + " cofferdam.container.image=<an image that has "
          + name
          + ">"
          + (name.equals("vector") ? " (pgvector/pgvector:pg17, for example)" : "")
          + "; supabase/postgres images have Supabase's extensions"
          + rolledBack;
    }
    java.util.regex.Matcher placeholder =
        java.util.regex.Pattern.compile("No value provided for placeholder: \\$\\{([^}]+)\\}")
            .matcher(message == null ? "" : message);
    if (placeholder.find()) {
      return ", or give the placeholder a value: key cofferdam.placeholders="
          + placeholder.group(1)
          + "=<value> (attribute placeholders = \""
          + placeholder.group(1)
          + "=<value>\")"
          + rolledBack;
    }
    return " and run the test again" + rolledBack;
  }

  /** The statement as Flyway reports it, without the comment lines that precede it. */
  private static String withoutLeadingComments(String statement) {
    String[] lines = statement.replace("\r\n", "\n").strip().split("\n", -1);
    int first = 0;
    while (first < lines.length
        && (lines[first].isBlank() || lines[first].stripLeading().startsWith("--"))) {
      first++;
    }
    return String.join("\n", java.util.Arrays.asList(lines).subList(first, lines.length)).strip();
  }

  private static String indent(String statement) {
    return statement.replace("\r\n", "\n").replace("\n", "\n             ");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    String stripped = s.strip();
    int nl = stripped.indexOf('\n');
    return nl < 0 ? stripped : stripped.substring(0, nl);
  }
}
