package io.github.cofferdam.junit.internal.safety;

import static io.github.cofferdam.catalog.internal.SessionStatements.strings;

import io.github.cofferdam.catalog.internal.SessionStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change query ({@code changes.sql}, or {@code changes-unwatched.sql} where DDL is not
 * watched): what a migration, or its replay, changed, read in one query inside its transaction. Its
 * rows are read by column name into a {@link Rows}.
 */
final class ChangeQuery {

  /** The settings expression of {@code settings.sql}: how the last capture printed values. */
  static final String SETTINGS = SqlText.of("settings");

  private final String afterMigration;
  private final String afterReplay;

  /** The two variants of the query, built once: a prepared statement is found by its text. */
  ChangeQuery(boolean watchingDrops) {
    String name = watchingDrops ? "changes" : "changes-unwatched";
    this.afterMigration = SqlText.of(name, false);
    this.afterReplay = SqlText.of(name, true);
  }

  /** A query that reads the rows of the migration's (or the replay's) changes into {@code rows}. */
  SessionStatements.Query query(boolean replay, Rows rows) {
    return new SessionStatements.Query(
        replay ? afterReplay : afterMigration, List.of(), rows::read);
  }

  /**
   * An object changed, or depending on one that changed.
   *
   * @param catalog the catalog its row is in ({@code pg_class}, ...), or {@code null} for GRANT,
   *     REVOKE, ALTER DEFAULT PRIVILEGES (no object named)
   * @param relation the relation it is placed on, or {@code null}
   * @param relkind that relation's kind, after a migration ({@code null} after a replay)
   * @param functionAcl for a function, after a migration: whether it has privileges granted
   * @param same for a function the replay replaced: whether it is identical to the one before
   */
  record Changed(
      String catalog,
      long oid,
      boolean direct,
      Long relation,
      boolean isEnum,
      String relkind,
      boolean triggers,
      boolean policies,
      boolean acl,
      Boolean functionAcl,
      boolean same) {}

  /** A dropped object and its address ({@code pg_identify_object_as_address} names). */
  record Removal(Dropped dropped, List<String> address) {}

  /** The rows of one run of the query. */
  static final class Rows {
    String settings;
    final Map<String, long[]> counts = new HashMap<>();
    final List<Changed> changed = new ArrayList<>();
    final List<Removal> removed = new ArrayList<>();

    private void read(ResultSet rs) throws SQLException {
      switch (rs.getString("kind")) {
        case "settings":
          settings = rs.getString("settings");
          break;
        case "written":
          counts.put(
              rs.getString("table_name"),
              new long[] {rs.getLong("ins"), rs.getLong("upd"), rs.getLong("del")});
          break;
        case "object":
          changed.add(changed(rs));
          break;
        case "dropped":
          removed.add(
              new Removal(
                  new Dropped(
                      rs.getString("object_type"),
                      rs.getString("object_identity"),
                      rs.getBoolean("original"),
                      rs.getBoolean("normal"),
                      rs.getLong("oid"),
                      (Long) rs.getObject("rows_read")),
                  strings(rs.getArray("address"))));
          break;
        default:
          throw new IllegalStateException("unknown row of the change query: " + rs.getString(1));
      }
    }

    private static Changed changed(ResultSet rs) throws SQLException {
      Number relation = (Number) rs.getObject("relation");
      return new Changed(
          rs.getString("catalog"),
          rs.getLong("oid"),
          rs.getBoolean("direct"),
          relation == null ? null : relation.longValue(),
          rs.getBoolean("is_enum"),
          rs.getString("relkind"),
          rs.getBoolean("has_triggers"),
          rs.getBoolean("has_policies"),
          rs.getBoolean("has_acl"),
          (Boolean) rs.getObject("function_acl"),
          rs.getBoolean("same"));
    }
  }
}
