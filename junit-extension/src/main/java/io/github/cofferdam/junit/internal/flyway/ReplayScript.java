package io.github.cofferdam.junit.internal.flyway;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.api.executor.MigrationExecutor;

/**
 * A SQL migration's statements as Flyway parsed them (placeholders replaced), joined into one text
 * that the walk sends in one round trip instead of one per statement: to apply a migration (in the
 * walk's own loop, {@link DirectMigrate}) and to replay it.
 *
 * <p>Flyway's executor sends each statement with {@code Statement.execute} and escape processing
 * off; the JDBC driver then splits a text at its semicolons the way PostgreSQL does, except after
 * {@code BEGIN ATOMIC} (it stops splitting there and never starts again: pgjdbc#3259). So the
 * statements are joined with a semicolon on a line of its own (a statement that ends in a {@code
 * --} comment cannot swallow it), and there is no joined text when:
 *
 * <ul>
 *   <li>the migration is not a plain SQL script (a Java migration, a script that includes others);
 *   <li>a statement is not a plain one: {@code COPY ... FROM STDIN} with its data, a statement that
 *       cannot run in a transaction;
 *   <li>a statement says {@code ATOMIC} (a SQL-standard function body);
 *   <li>Flyway's internals are not what this class expects (another Flyway version).
 * </ul>
 *
 * In those cases the migration runs through Flyway's executor, statement by statement, as before.
 * Flyway's parsed statements are read through {@link FlywayInternals}.
 */
public final class ReplayScript {

  private static final Pattern ATOMIC = Pattern.compile("\\batomic\\b", Pattern.CASE_INSENSITIVE);

  private ReplayScript() {}

  /**
   * The migration's statements joined for one round trip, or empty (see the class comment). Flyway
   * parses the script each time: the walk asks once per migration ({@link Scripts}).
   */
  public static Optional<String> joined(MigrationExecutor executor) {
    List<String> statements = statements(executor);
    return statements.isEmpty() ? Optional.empty() : Optional.of(String.join("\n;\n", statements));
  }

  /** The statements, or an empty list when they cannot be sent as one text. */
  static List<String> statements(MigrationExecutor executor) {
    List<String> statements = FlywayInternals.plainStatements(executor).orElse(List.of());
    for (String statement : statements) {
      if (ATOMIC.matcher(statement).find()) {
        return List.of();
      }
    }
    return statements;
  }
}
