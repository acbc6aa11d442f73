package io.github.cofferdam.assertj;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Data-integrity assertions on the live data behind a connection, usable at any schema version.
 * Every check runs as a query inside PostgreSQL; only counts and a few examples come back.
 *
 * @since 0.1.0
 */
public final class DatabaseAssert extends AbstractAssert<DatabaseAssert, Connection> {

  DatabaseAssert(Connection actual) {
    super(actual, DatabaseAssert.class);
  }

  /**
   * The table called {@code name} ({@code ads} or {@code shop.ads}); fails at once when missing.
   */
  public DataTableAssert table(String name) {
    isNotNull();
    List<String> tables = new ArrayList<>();
    try (PreparedStatement s =
        actual.prepareStatement(
            "SELECT n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1")) {
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the tables: " + e.getMessage(), e);
    }
    String qualified =
        Names.find(
            tables, name, t -> t, t -> t.substring(t.indexOf('.') + 1), "the database", "table");
    return new DataTableAssert(actual, qualified);
  }
}
