package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.flyway.SqlStates;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A seed that failed: the walk stops at the migration it prepares, and that migration's step
 * becomes a failed step, so the run still has its report.
 */
public final class SeedFailure extends IllegalStateException {

  private final transient MigrationFailure failure;
  private final transient MigrationInfo migration;

  private SeedFailure(MigrationFailure failure, MigrationInfo migration, Throwable cause) {
    super(failure.report(), cause);
    this.failure = failure;
    this.migration = migration;
  }

  /** The migration the seed runs before. */
  MigrationInfo migration() {
    return migration;
  }

  /** What failed, as a migration failure: the seed, its line and statement, the SQLSTATE. */
  public MigrationFailure failure() {
    return failure;
  }

  /**
   * A seed's failure.
   *
   * @param seed what the seed is, for the message: {@code Seed V2__orders.sql} or
   *     {@code @BeforeMigration method fill}
   * @param migration the migration it runs before
   * @param error what it threw
   * @param line the failing statement's line in the seed file, if known
   * @param statement the failing statement, if known
   */
  public static SeedFailure of(
      String seed,
      MigrationInfo migration,
      Throwable error,
      Optional<Integer> line,
      Optional<String> statement) {
    SQLException sql = sqlException(error);
    String sqlState = sql == null ? null : sql.getSQLState();
    String message =
        sql == null
            ? String.valueOf(error)
            : String.valueOf(sql.getMessage())
                .lines()
                .findFirst()
                .orElse("")
                .replace("ERROR: ", "");
    StringBuilder report = new StringBuilder();
    report
        .append(seed)
        .append(" (before ")
        .append(MigrationWalker.label(migration))
        .append(") failed");
    line.ifPresent(l -> report.append(" at line ").append(l));
    if (sqlState != null) {
      report.append(" with SQLSTATE ").append(sqlState);
    }
    report.append(": ").append(message);
    statement.ifPresent(
        s -> report.append("\n  statement: ").append(s.strip().replaceAll("\\s+", " ")));
    report
        .append("\nFix the seed, or ")
        .append(
            SqlStates.limitHint(sqlState)
                .orElse(
                    "move it to the version whose schema it fits (a seed runs right before its"
                        + " migration, on the schema the migrations before it built)"))
        .append(". The walk stopped before ")
        .append(MigrationWalker.label(migration))
        .append("; the migrations before it are what the database holds.");
    return new SeedFailure(
        new MigrationFailure(
            sqlState,
            SqlStates.meaning(sqlState),
            message,
            Optional.empty(),
            Optional.empty(),
            line,
            statement,
            report.toString()),
        migration,
        error);
  }

  private static SQLException sqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
    }
    return null;
  }
}
