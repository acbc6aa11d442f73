package io.github.cofferdam.assertj;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * A table of the live database, to navigate to one of its columns.
 *
 * @since 0.1.0
 */
public final class DataTableAssert extends AbstractAssert<DataTableAssert, String> {

  private final Connection connection;

  DataTableAssert(Connection connection, String qualifiedTable) {
    super(qualifiedTable, DataTableAssert.class);
    this.connection = connection;
  }

  /** The column called {@code name}; fails at once, listing the columns, when there is none. */
  public DataColumnAssert column(String name) {
    List<String> columns = new ArrayList<>();
    List<String> key = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT a.attname, coalesce((SELECT k.ord FROM pg_index x,"
                + "   unnest(x.indkey) WITH ORDINALITY k(attnum, ord)"
                + "   WHERE x.indrelid = a.attrelid AND x.indisprimary AND k.attnum = a.attnum), 0)"
                + " FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum")) {
      s.setString(1, quoteQualified(actual));
      try (ResultSet rs = s.executeQuery()) {
        List<String[]> keyed = new ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString(1));
          if (rs.getInt(2) > 0) {
            keyed.add(new String[] {String.format("%05d", rs.getInt(2)), rs.getString(1)});
          }
        }
        keyed.sort((x, y) -> x[0].compareTo(y[0]));
        keyed.forEach(k -> key.add(k[1]));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot list the columns of " + actual + ": " + e.getMessage(), e);
    }
    String column = Names.find(columns, name, c -> c, c -> c, "table " + actual, "column");
    return new DataColumnAssert(connection, actual, column, key);
  }

  static String quoteQualified(String qualified) {
    int dot = qualified.indexOf('.');
    return ident(qualified.substring(0, dot)) + "." + ident(qualified.substring(dot + 1));
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
