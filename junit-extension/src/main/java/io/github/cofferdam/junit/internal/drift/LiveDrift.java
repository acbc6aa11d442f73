package io.github.cofferdam.junit.internal.drift;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Compares a live database, read only, with the database the migrations built: its schema (no data)
 * and its Flyway history against the local migrations.
 */
public final class LiveDrift {

  /**
   * The live database to compare: its JDBC URL (empty when the check is off), user and password
   * (either may be empty). {@link #toString()} never shows the password.
   */
  public record Target(String url, String user, String password) {
    public Target {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    /** No live database: the check is off. */
    public static Target none() {
      return new Target("", "", "");
    }

    /** Whether a live database is configured. */
    public boolean configured() {
      return !url.isEmpty();
    }

    @Override
    public String toString() {
      return "Target[url=" + url + ", user=" + user + "]";
    }
  }

  /** One local migration: its version (null for a repeatable), description and checksum. */
  public record Local(String version, String description, Integer checksum) {}

  /** The differences found, in order: schema first, then history. */
  public record Result(String url, List<String> differences) {
    public Result {
      differences = List.copyOf(differences);
    }

    public boolean drifted() {
      return !differences.isEmpty();
    }

    /** The failure message: one line per difference. */
    public String report() {
      return "drift: the live database "
          + url
          + " differs from what the migrations build ("
          + differences.size()
          + (differences.size() == 1 ? " difference" : " differences")
          + ", built → live):\n  - "
          + String.join("\n  - ", differences)
          + "\n  Fix: migrate the live database, or restore what it lost; see docs/drift.md.";
    }
  }

  private LiveDrift() {}

  /**
   * Connects to the live database with {@code default_transaction_read_only=on}, in a read-only
   * transaction, and compares.
   *
   * @throws IllegalStateException naming the URL and the cause when it cannot be read
   */
  public static Result check(
      String shown, Target target, CatalogSnapshot built, String table, List<Local> locals) {
    try (Connection live = connect(target.url(), target.user(), target.password())) {
      CatalogSnapshot snapshot =
          CatalogSnapshot.capture(
              live, SnapshotOptions.defaults().excludeSchemas("_cofferdam").withoutData());
      List<String> differences = new ArrayList<>();
      SchemaDiff.between(schemaOnly(built), snapshot).changes().stream()
          .map(SchemaChange::summary)
          .forEach(differences::add);
      differences.addAll(history(live, table, locals));
      live.rollback();
      return new Result(shown, differences);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cofferdam.drift.url="
              + shown
              + " cannot be read: "
              + e.getMessage()
              + " (SQL state "
              + e.getSQLState()
              + "). Check cofferdam.drift.url, cofferdam.drift.user and cofferdam.drift.password.",
          e);
    }
  }

  /** A read-only connection: the session default and the transaction both. */
  public static Connection connect(String url, String user, String password) throws SQLException {
    Properties p = new Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    p.setProperty("options", "-c default_transaction_read_only=on");
    p.setProperty("readOnly", "true");
    Connection c = DriverManager.getConnection(url, p);
    // the URL's own options parameter wins over the property above: set the session default
    // again, outside any transaction so that no rollback takes it back
    try (Statement s = c.createStatement()) {
      s.execute("SET SESSION default_transaction_read_only = on");
    }
    c.setAutoCommit(false);
    c.setReadOnly(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION READ ONLY");
    }
    return c;
  }

  private static CatalogSnapshot schemaOnly(CatalogSnapshot s) {
    return new CatalogSnapshot(
        s.schemas(),
        s.tables(),
        s.columns(),
        s.constraints(),
        s.indexes(),
        s.views(),
        s.functions(),
        s.triggers(),
        s.enums(),
        s.sequences(),
        s.extensions(),
        s.policies(),
        s.privileges(),
        List.of());
  }

  /**
   * Applied there but missing here, checksum differs, pending here (and whether it sorts before a
   * migration already applied there).
   */
  static List<String> history(Connection live, String table, List<Local> locals)
      throws SQLException {
    Map<String, Integer> there = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    try (Statement s = live.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, description, checksum FROM "
                    + table
                    + " WHERE success AND type <> 'BASELINE' AND type <> 'SCHEMA'"
                    + " ORDER BY installed_rank")) {
      while (rs.next()) {
        String key = key(rs.getString(1), rs.getString(2));
        int checksum = rs.getInt(3);
        there.put(key, rs.wasNull() ? null : checksum);
        names.put(key, rs.getString(2));
      }
    } catch (SQLException e) {
      if (!"42P01".equals(e.getSQLState())) {
        throw e;
      }
      live.rollback();
      return List.of(
          "history: no Flyway history table " + table + " there (" + e.getMessage() + ")");
    }
    List<String> out = new ArrayList<>();
    Map<String, Local> here = new LinkedHashMap<>();
    locals.forEach(l -> here.put(key(l.version(), l.description()), l));
    there.forEach(
        (k, checksum) -> {
          Local l = here.get(k);
          if (l == null) {
            out.add(
                "history: "
                    + label(k, names.get(k))
                    + " applied there but missing here (a migration of another branch, or a"
                    + " deleted file: bring its file back)");
          } else if (!Objects.equals(l.checksum(), checksum)) {
            out.add(
                "history: "
                    + label(k, l.description())
                    + " checksum differs: here "
                    + l.checksum()
                    + ", there "
                    + checksum);
          }
        });
    MigrationVersion latest =
        there.keySet().stream()
            .filter(k -> k.startsWith("V"))
            .map(k -> MigrationVersion.fromVersion(k.substring(1)))
            .max(Comparable::compareTo)
            .orElse(null);
    here.forEach(
        (k, l) -> {
          if (there.containsKey(k)) {
            return;
          }
          if (l.version() != null
              && latest != null
              && MigrationVersion.fromVersion(l.version()).compareTo(latest) < 0) {
            out.add(
                "history: "
                    + label(k, l.description())
                    + " pending here, but sorted before V"
                    + latest
                    + ", already applied there: Flyway refuses it unless outOfOrder is on, and"
                    + " the history differs from the order the migrations were written in. Give it"
                    + " a version after V"
                    + latest);
          } else {
            out.add("history: " + label(k, l.description()) + " pending here (not applied there)");
          }
        });
    return out;
  }

  private static String key(String version, String description) {
    return version == null ? "R " + description : "V" + version;
  }

  /** {@code V2 orders status}, {@code R order summary}: a repeatable's key is its label. */
  private static String label(String key, String description) {
    return key.startsWith("R ") ? key : key + " " + description;
  }
}
