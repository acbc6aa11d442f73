package io.github.cofferdam.junit;

import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.Environment;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.Policy;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import io.github.cofferdam.junit.internal.safety.Seeds;
import io.github.cofferdam.junit.internal.safety.Workflows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** The {@link Migrator} of one test method: a database of its own, cloned from templates. */
final class DefaultMigrator implements Migrator, AutoCloseable {

  private final ServerHandle server;
  private final FlywaySettings flyway;
  private final Policy policy;
  private final String owner;
  private final MigrationWalker.Plan plan;
  private final List<String> journal = new ArrayList<>();
  private final java.time.Duration[] timeouts;
  private final Environment environment;
  private TestDatabase database;

  /**
   * A migrator.
   *
   * @param plan the plan of the class's walk, made on an empty database: every migration pending
   * @param environment what each new database holds before the first migration
   * @param timeouts the statement and lock timeouts of every connection to its databases
   */
  DefaultMigrator(
      ServerHandle server,
      FlywaySettings flyway,
      Policy policy,
      String owner,
      MigrationWalker.Plan plan,
      Environment environment,
      java.time.Duration... timeouts) {
    this.server = server;
    this.flyway = flyway;
    this.policy = policy;
    this.owner = owner;
    this.plan = plan;
    this.timeouts = timeouts.clone();
    this.environment = environment;
  }

  /** A database with the class's statement and lock timeouts. */
  private TestDatabase limited(TestDatabase db) {
    if (timeouts.length == 2) {
      db.limit(timeouts[0], timeouts[1]);
    }
    return db;
  }

  @Override
  public void migrateTo(String version) {
    MigrationVersion wanted = parse(version);
    closeQuietly(database);
    database = null;
    int last = -1;
    for (int i = 0; i < plan.pending().size(); i++) {
      MigrationVersion v = plan.pending().get(i).getVersion();
      if (v != null && v.compareTo(wanted) <= 0) {
        last = i;
      }
    }
    if (last < 0 || !wanted.equals(plan.pending().get(last).getVersion())) {
      throw new IllegalArgumentException(
          "migrateTo(\""
              + version
              + "\"): no versioned migration has version "
              + version
              + "; versions: "
              + versions(plan.pending()));
    }
    String key = key(last);
    int upTo = last;
    boolean[] built = {false};
    TestDatabase template =
        server.template(
            key,
            db -> {
              limited(db);
              environment.install(db);
              int applied =
                  new MigrationWalker(db, flyway)
                      .applyUpTo(new MigrationWalker(db, flyway).plan(), upTo);
              journal.add(
                  "migrateTo "
                      + version
                      + ": built template "
                      + db.name()
                      + " ("
                      + applied
                      + " migrations applied by Flyway)");
            },
            b -> built[0] = b);
    database = limited(server.cloneOf(template, owner));
    if (!built[0]) {
      journal.add("migrateTo " + version + ": cloned template " + template.name());
    } else {
      journal.add("migrateTo " + version + ": cloned the new template into " + database.name());
    }
  }

  /**
   * The template key: the Flyway settings and the checksums of the migrations up to the version.
   */
  private String key(int last) {
    StringBuilder s = new StringBuilder();
    s.append(flyway.source())
        .append(environment)
        .append(flyway.locations())
        .append(flyway.schemas())
        .append(new TreeMap<>(flyway.placeholders()))
        .append(flyway.initSql())
        .append(flyway.table())
        .append(new TreeMap<>(flyway.properties()))
        .append('\n');
    for (int i = 0; i <= last; i++) {
      MigrationInfo m = plan.pending().get(i);
      if (m.getVersion() != null) {
        s.append(m.getVersion())
            .append(' ')
            .append(m.getScript())
            .append(' ')
            .append(m.getChecksum())
            .append('\n');
      }
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public StepResult migrate(String version) {
    MigrationVersion wanted = parse(version);
    TestDatabase db = current();
    MigrationWalker walker = new MigrationWalker(db, flyway);
    MigrationWalker.Plan pending;
    try {
      pending = walker.plan();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(
          "migrate(\"" + version + "\"): nothing is pending in this database", e);
    }
    int index = -1;
    for (int i = 0; i < pending.pending().size(); i++) {
      if (wanted.equals(pending.pending().get(i).getVersion())) {
        index = i;
      }
    }
    if (index < 0) {
      throw new IllegalArgumentException(
          "migrate(\""
              + version
              + "\"): version "
              + version
              + " is not pending in this database; pending: "
              + versions(pending.pending()));
    }
    List<StepResult> steps =
        new SafetyWalk(db, walker, policy, Seeds.NONE, new Workflows(List.of()))
            .walk(pending, index + 1);
    StepResult last = steps.get(steps.size() - 1);
    for (StepResult step : steps) {
      journal.add(
          "migrate "
              + version
              + ": "
              + step.label()
              + " "
              + step.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + (step.safe() ? ", safe" : ", " + step.errors().size() + " findings"));
    }
    return last;
  }

  @Override
  public void execute(String sql, Object... parameters) {
    try (Connection c = current().getConnection();
        PreparedStatement s = prepare(c, sql, parameters)) {
      s.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("execute(\"" + sql + "\") failed: " + e.getMessage(), e);
    }
  }

  @Override
  public <T> List<T> queryForList(String sql, Class<T> type, Object... parameters) {
    List<T> rows = new ArrayList<>();
    try (Connection c = current().getConnection();
        PreparedStatement s = prepare(c, sql, parameters);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getObject(1, type));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("queryForList(\"" + sql + "\") failed: " + e.getMessage(), e);
    }
    return rows;
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
    return s;
  }

  @Override
  public DataSource dataSource() {
    return current();
  }

  @Override
  public List<String> journal() {
    return List.copyOf(journal);
  }

  private TestDatabase current() {
    if (database == null) {
      database = limited(server.createDatabase(owner));
      environment.install(database);
      journal.add("new empty database " + database.name());
    }
    return database;
  }

  private static MigrationVersion parse(String version) {
    if (version == null || !version.matches("[0-9]+([._][0-9]+)*")) {
      throw new IllegalArgumentException(
          "\"" + version + "\" is not a migration version; use one such as \"41\" or \"1.2\"");
    }
    return MigrationVersion.fromVersion(version.replace('_', '.'));
  }

  private static String versions(List<MigrationInfo> migrations) {
    return migrations.stream()
        .filter(m -> m.getVersion() != null)
        .map(m -> m.getVersion().getVersion())
        .reduce((a, b) -> a + ", " + b)
        .orElse("none");
  }

  private static void closeQuietly(TestDatabase db) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException e) {
        // dropped with the server at the latest
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(database);
  }
}
