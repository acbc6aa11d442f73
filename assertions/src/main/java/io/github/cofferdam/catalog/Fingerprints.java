package io.github.cofferdam.catalog;

import io.github.cofferdam.catalog.internal.FingerprintSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column fingerprints as {@link CatalogSnapshot} computes them, also through another type: after
 * {@code varchar(20) → text} a column's values are compared as they read in the old type, so a
 * lossless widening keeps its fingerprint and a truncating {@code USING left(…)} does not. A column
 * fingerprint is the sum of a 64-bit hash ({@code hashtextextended}) of each value's text, a null
 * counting as 1: it depends on the multiset of values only, and needs no sort.
 *
 * @since 0.1.0
 */
public final class Fingerprints {

  private Fingerprints() {}

  /**
   * The fingerprints of some columns of a table, each read through a type ({@code column → type}),
   * comparable with {@link CatalogSnapshot.TableData#columnFingerprints()} of a snapshot taken when
   * the columns had those types.
   *
   * @throws SnapshotException when a value cannot be cast to the type
   */
  public static Map<String, String> columnsAs(
      Connection connection, String schema, String table, Map<String, String> types) {
    if (types.isEmpty()) {
      return Map.of();
    }
    List<String> names = new ArrayList<>(types.keySet());
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(
          FingerprintSql.column(
              "(t."
                  + QualifiedName.quote(names.get(i))
                  + "::"
                  + types.get(names.get(i))
                  + ")::text"));
    }
    sql.append(" FROM ").append(new QualifiedName(schema, table).quoted()).append(" t");
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql.toString())) {
      rs.next();
      Map<String, String> result = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        result.put(names.get(i), rs.getString(i + 1));
      }
      return result;
    } catch (SQLException e) {
      throw new SnapshotException(
          "fingerprinting " + schema + "." + table + " " + types + " failed: " + e.getMessage(), e);
    }
  }
}
