package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.WorkflowResult;
import io.github.cofferdam.junit.internal.SimpleDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Critical workflows, run after every migration in a transaction that is always rolled back, and
 * judged: expected to pass from the first version at which they pass (or {@code since}); the first
 * later migration after which one fails is its culprit.
 */
public final class Workflows {

  /** Transaction control a workflow must not issue. */
  private static final Pattern TRANSACTION_CONTROL =
      Pattern.compile(
          "(?is)^\\s*(COMMIT|END|ABORT|BEGIN|START\\s+TRANSACTION|SET\\s+TRANSACTION|SET\\s+SESSION"
              + "\\s+CHARACTERISTICS|ROLLBACK(?!\\s+TO)|PREPARE\\s+TRANSACTION)\\b.*");

  /** One workflow. */
  public interface Workflow {
    /** The name: the method name or the SQL file name without {@code .sql}. */
    String name();

    /** The version it must pass from, or empty. */
    String since();

    /** The last migration it must survive, or empty for all. */
    String mustSurvive();

    /** Runs it on a connection in a transaction that will be rolled back. */
    void run(Connection connection, DataSource dataSource) throws Throwable;
  }

  /** A workflow from an SQL file: its statements run in order; any error fails it. */
  public static Workflow sql(String name, String text) {
    return new Workflow() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String since() {
        return "";
      }

      @Override
      public String mustSurvive() {
        return "";
      }

      @Override
      public void run(Connection connection, DataSource dataSource) throws SQLException {
        for (int[] statement : SqlFiles.statements(text)) {
          String sql = text.substring(statement[0], statement[1]);
          try (Statement s = connection.createStatement()) {
            s.execute(sql);
          } catch (SQLException e) {
            String message =
                e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new SQLException(
                message
                    + " (at "
                    + name
                    + ".sql line "
                    + SqlFiles.lineOf(text, statement[0])
                    + ": "
                    + sql.strip().replaceAll("\\s+", " ")
                    + ")",
                e.getSQLState(),
                e);
          }
        }
      }
    };
  }

  /** Checks an SQL workflow's text for transaction control, line by line; returns the problem. */
  public static Optional<String> transactionControlIn(String name, String text) {
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceAll("--.*$", "");
      for (String statement : line.split(";")) {
        if (TRANSACTION_CONTROL.matcher(statement).matches()) {
          return Optional.of(
              "workflow ["
                  + name
                  + "] line "
                  + (i + 1)
                  + " controls the transaction ("
                  + statement.strip()
                  + "): Cofferdam runs every workflow in a transaction it rolls back, so the walk's"
                  + " database never changes; remove it");
        }
      }
    }
    return Optional.empty();
  }

  private record Run(
      MigrationInfo migration, String label, boolean passed, Optional<String> error) {}

  private final List<Workflow> workflows;
  private final Map<String, List<Run>> runs = new LinkedHashMap<>();

  /** Workflows to run after every migration of a walk. */
  public Workflows(List<Workflow> workflows) {
    this.workflows = List.copyOf(workflows);
    workflows.forEach(w -> runs.put(w.name(), new ArrayList<>()));
  }

  /** Whether there are any. */
  public boolean isEmpty() {
    return workflows.isEmpty();
  }

  /**
   * Runs every workflow against the database as it is after a migration: on the migration's own
   * connection, inside its transaction, each under a savepoint that is rolled back.
   */
  void afterEach(MigrationInfo migration, String label, Connection connection) throws SQLException {
    for (Workflow w : workflows) {
      Optional<String> error = runOnce(w, connection);
      runs.get(w.name()).add(new Run(migration, label, error.isEmpty(), error));
    }
  }

  /** Runs a workflow once, rolled back to a savepoint; returns its error, if any. */
  private static Optional<String> runOnce(Workflow w, Connection real) throws SQLException {
    try (Statement s = real.createStatement()) {
      s.execute("SAVEPOINT cofferdam_workflow");
    }
    long transaction;
    try (Statement s = real.createStatement();
        ResultSet rs = s.executeQuery("SELECT txid_current()")) {
      rs.next();
      transaction = rs.getLong(1);
    }
    Connection guarded = guard(real, w.name());
    Optional<String> error;
    try {
      w.run(guarded, new SingleConnection(guarded));
      error = Optional.empty();
    } catch (Throwable t) {
      error = Optional.of(describe(t));
    }
    if (error.isEmpty()) {
      try (Statement s = real.createStatement();
          ResultSet rs = s.executeQuery("SELECT txid_current()")) {
        rs.next();
        if (rs.getLong(1) != transaction) {
          error =
              Optional.of(
                  "workflow ["
                      + w.name()
                      + "] ended the transaction Cofferdam runs it in: workflows must not commit"
                      + " or roll back");
        }
      } catch (SQLException e) {
        error = Optional.of(describe(e));
      }
    }
    try (Statement s = real.createStatement()) {
      s.execute("ROLLBACK TO SAVEPOINT cofferdam_workflow; RELEASE SAVEPOINT cofferdam_workflow");
    }
    return error;
  }

  /** {@code ERROR 23514 new row for relation ...}, or the exception for non-SQL failures. */
  static String describe(Throwable t) {
    Throwable cause = t;
    if (t instanceof InvocationTargetException && t.getCause() != null) {
      cause = t.getCause();
    }
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof SQLException && ((SQLException) c).getSQLState() != null) {
        SQLException e = (SQLException) c;
        String message = e.getMessage();
        if (message.startsWith("ERROR: ")) {
          message = message.substring("ERROR: ".length());
        }
        int nl = message.indexOf('\n');
        return "ERROR "
            + e.getSQLState()
            + " "
            + (nl < 0 ? message : message.substring(0, nl))
            + io.github.cofferdam.junit.internal.flyway.SqlStates.limitHint(e.getSQLState())
                .map(h -> "; fix the workflow, or " + h)
                .orElse("");
      }
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getName() : message.lines().findFirst().orElse("");
  }

  /**
   * The verdicts.
   *
   * @throws IllegalStateException when {@code since} or {@code mustSurvive} names no migration
   */
  public List<WorkflowResult> results() {
    List<WorkflowResult> results = new ArrayList<>();
    for (Workflow w : workflows) {
      results.add(verdict(w, runs.get(w.name())));
    }
    return results;
  }

  /** Judges one workflow from its runs after each migration of the walk. */
  private static WorkflowResult verdict(Workflow w, List<Run> runs) {
    List<WorkflowResult.Outcome> outcomes = outcomes(runs);
    String name = "workflow [" + w.name() + "]";
    if (runs.isEmpty()) {
      return new WorkflowResult(
          w.name(), outcomes, Optional.empty(), Optional.empty(), false, name + " never ran");
    }
    int start = w.since().isEmpty() ? firstPass(runs) : indexOf(runs, w.since(), name, "since");
    if (start < 0) {
      return neverPasses(w, outcomes, name, runs.get(runs.size() - 1));
    }
    int end =
        w.mustSurvive().isEmpty()
            ? runs.size() - 1
            : indexOf(runs, w.mustSurvive(), name, "mustSurvive");
    String from = shortLabel(runs.get(start));
    for (int i = start; i <= end; i++) {
      Run r = runs.get(i);
      if (!r.passed()) {
        return broken(w, outcomes, name, from, r);
      }
    }
    return new WorkflowResult(
        w.name(),
        outcomes,
        Optional.of(from),
        Optional.empty(),
        false,
        passing(name, from, runs, end));
  }

  /** The per-migration outcomes, in walk order. */
  private static List<WorkflowResult.Outcome> outcomes(List<Run> runs) {
    List<WorkflowResult.Outcome> outcomes = new ArrayList<>();
    runs.forEach(
        r ->
            outcomes.add(
                new WorkflowResult.Outcome(
                    r.label(), r.migration().getScript(), r.passed(), r.error())));
    return outcomes;
  }

  /** The index of the first run that passed, or -1. */
  private static int firstPass(List<Run> runs) {
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).passed()) {
        return i;
      }
    }
    return -1;
  }

  /** The verdict of a workflow without {@code since} that passed after no migration. */
  private static WorkflowResult neverPasses(
      Workflow w, List<WorkflowResult.Outcome> outcomes, String name, Run last) {
    return new WorkflowResult(
        w.name(),
        outcomes,
        Optional.empty(),
        Optional.empty(),
        true,
        name
            + " never passes: after "
            + last.migration().getScript()
            + ", the last migration: "
            + last.error().orElse("?"));
  }

  /** The verdict of a workflow that failed after {@code r}, within the range it must pass. */
  private static WorkflowResult broken(
      Workflow w, List<WorkflowResult.Outcome> outcomes, String name, String from, Run r) {
    String report =
        name
            + (w.since().isEmpty()
                ? " passes from " + from
                : " must pass from " + from + " (since)")
            + ", broken by "
            + r.migration().getScript()
            + ": "
            + r.error().orElse("?");
    return new WorkflowResult(
        w.name(),
        outcomes,
        Optional.of(from),
        Optional.of(r.migration().getScript()),
        true,
        report);
  }

  /** The report of a workflow that passed its whole range, noting a failure after it, if any. */
  private static String passing(String name, String from, List<Run> runs, int end) {
    String report =
        name
            + " passes from "
            + from
            + (end == runs.size() - 1
                ? " to the last migration"
                : " through " + shortLabel(runs.get(end)) + " (mustSurvive)");
    for (int i = end + 1; i < runs.size(); i++) {
      if (!runs.get(i).passed()) {
        report +=
            "; retired by "
                + runs.get(i).migration().getScript()
                + " after mustSurvive: "
                + runs.get(i).error().orElse("?");
        break;
      }
    }
    return report;
  }

  private static String shortLabel(Run r) {
    return r.migration().getVersion() == null
        ? r.label()
        : "V" + r.migration().getVersion().getVersion();
  }

  private static int indexOf(List<Run> runs, String version, String name, String attribute) {
    MigrationVersion wanted = MigrationVersion.fromVersion(version);
    for (int i = 0; i < runs.size(); i++) {
      if (wanted.equals(runs.get(i).migration().getVersion())) {
        return i;
      }
    }
    throw new IllegalStateException(
        name
            + ": "
            + attribute
            + " = \""
            + version
            + "\" names no migration of the walk; migrations: "
            + runs.stream().map(Workflows::shortLabel).reduce((a, b) -> a + ", " + b).orElse(""));
  }

  // --- the guard: no commit, no transaction control ------------------------------------------

  private static Connection guard(Connection real, String workflow) {
    return (Connection)
        Proxy.newProxyInstance(
            Workflows.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Guard(real, workflow));
  }

  private static final class Guard implements InvocationHandler {
    private final Object target;
    private final String workflow;

    Guard(Object target, String workflow) {
      this.target = target;
      this.workflow = workflow;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean noArgs = args == null || args.length == 0;
      if (target instanceof Connection) {
        if (name.equals("commit")
            || (name.equals("rollback") && noArgs)
            || name.equals("setAutoCommit")
            || name.equals("setTransactionIsolation")
            || name.equals("setReadOnly")) {
          throw new IllegalStateException(
              "workflow ["
                  + workflow
                  + "] called Connection."
                  + name
                  + "(): Cofferdam runs every workflow in a transaction it rolls back, so the"
                  + " walk's database never changes; remove the call");
        }
        if (name.equals("close")) {
          return null; // Cofferdam closes it
        }
      }
      if (args != null
          && args.length > 0
          && args[0] instanceof String
          && (name.startsWith("execute")
              || name.startsWith("prepare")
              || name.equals("addBatch"))) {
        String sql = (String) args[0];
        for (String statement : sql.replaceAll("--[^\n]*", "").split(";")) {
          if (TRANSACTION_CONTROL.matcher(statement).matches()) {
            throw new IllegalStateException(
                "workflow ["
                    + workflow
                    + "] ran "
                    + statement.strip().split("\\s+")[0].toUpperCase(Locale.ROOT)
                    + ": Cofferdam runs every workflow in a transaction it rolls back, so the"
                    + " walk's database never changes; remove it");
          }
        }
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Statement && !(result instanceof ResultSet)) {
        Class<?> type =
            result instanceof java.sql.CallableStatement
                ? java.sql.CallableStatement.class
                : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return Proxy.newProxyInstance(
            Workflows.class.getClassLoader(), new Class<?>[] {type}, new Guard(result, workflow));
      }
      return result;
    }
  }

  /** A DataSource that hands out the workflow's one guarded connection. */
  private static final class SingleConnection extends SimpleDataSource {
    private final Connection connection;

    SingleConnection(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return connection;
    }
  }
}
