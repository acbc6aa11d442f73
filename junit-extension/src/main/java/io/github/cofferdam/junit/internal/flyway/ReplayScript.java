package io.github.cofferdam.junit.internal.flyway;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.internal.resolver.sql.SqlMigrationExecutor;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlScript;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;

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
 * The text is made once per executor (Flyway parses the script again each time it is asked).
 */
public final class ReplayScript {

  private static final Pattern ATOMIC = Pattern.compile("\\batomic\\b", Pattern.CASE_INSENSITIVE);

  private static final Field SCRIPT = scriptField();

  private ReplayScript() {}

  private static Field scriptField() {
    try {
      Field f = SqlMigrationExecutor.class.getDeclaredField("sqlScript");
      f.setAccessible(true);
      return SqlScript.class.isAssignableFrom(f.getType()) ? f : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another Flyway: every replay goes through its executor
    }
  }

  /** Joined texts by executor (compared by identity: executors do not override equals). */
  private static final Map<MigrationExecutor, Optional<String>> JOINED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** The migration's statements joined for one round trip, or empty (see the class comment). */
  public static Optional<String> joined(MigrationExecutor executor) {
    if (executor == null) {
      return Optional.empty();
    }
    return JOINED.computeIfAbsent(
        executor,
        e -> {
          List<String> statements = statements(e);
          return statements.isEmpty()
              ? Optional.empty()
              : Optional.of(String.join("\n;\n", statements));
        });
  }

  /** The statements, or an empty list when they cannot be sent as one text. */
  static List<String> statements(MigrationExecutor executor) {
    if (SCRIPT == null || executor == null || executor.getClass() != SqlMigrationExecutor.class) {
      return List.of();
    }
    try {
      SqlScript script = (SqlScript) SCRIPT.get(executor);
      if (script == null
          || !script.executeInTransaction()
          || !script.shouldExecute()
          || !script.getReferencedSqlScripts().isEmpty()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      try (SqlStatementIterator it = script.getSqlStatements()) {
        while (it.hasNext()) {
          SqlStatement statement = it.next();
          if (statement.getClass() != ParsedSqlStatement.class
              || !statement.canExecuteInTransaction()
              || statement.getReferencedSqlScript() != null
              || ATOMIC.matcher(statement.getSql()).find()) {
            return List.of();
          }
          out.add(statement.getSql());
        }
      }
      return out;
    } catch (IllegalAccessException | RuntimeException e) {
      return List.of();
    }
  }
}
