package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldHaveValidValues.shouldAllMatch;
import static io.github.cofferdam.assertj.error.ShouldHaveValidValues.shouldHaveNo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Data-integrity assertions on one column of the live database. Failures report how many rows break
 * the rule out of how many, and up to {@value #EXAMPLES} examples identified by primary key (or
 * {@code ctid} for tables without one).
 *
 * @since 0.1.0
 */
public final class DataColumnAssert extends AbstractAssert<DataColumnAssert, String> {

  /** How many offending rows a failure shows. */
  public static final int EXAMPLES = 5;

  private final Connection connection;
  private final String table;
  private final List<String> key;

  DataColumnAssert(Connection connection, String table, String column, List<String> key) {
    super(column, DataColumnAssert.class);
    this.connection = connection;
    this.table = table;
    this.key = List.copyOf(key);
  }

  private String name() {
    return table + "." + actual;
  }

  /** Verifies that no row has NULL in this column. */
  public DataColumnAssert hasNoNulls() {
    Result r = count("%1$s IS NULL", null);
    if (r.bad > 0) {
      throwAssertionError(shouldHaveNo(name(), "NULLs", r.bad, r.total, r.rows(false)));
    }
    return this;
  }

  /** Verifies that no row has the empty string {@code ''} in this column. */
  public DataColumnAssert hasNoEmptyStrings() {
    Result r = count("%1$s::text = ''", null);
    if (r.bad > 0) {
      throwAssertionError(shouldHaveNo(name(), "empty strings", r.bad, r.total, r.rows(false)));
    }
    return this;
  }

  /**
   * Verifies that every non-NULL value matches a POSIX regular expression (PostgreSQL's {@code ~}
   * operator); use {@link #hasNoNulls()} for NULLs.
   */
  public DataColumnAssert allMatch(String regex) {
    Result r = count("%1$s IS NOT NULL AND %1$s::text !~ ?", regex);
    if (r.bad > 0) {
      throwAssertionError(shouldAllMatch(name(), regex, r.bad, r.total, r.rows(true)));
    }
    return this;
  }

  private static final class Result {
    long bad;
    long total;
    final List<String[]> examples = new ArrayList<>();

    List<String> rows(boolean withValue) {
      return examples.stream()
          .map(
              e ->
                  withValue ? (e[1] == null ? "NULL" : "'" + e[1] + "'") + " (" + e[0] + ")" : e[0])
          .collect(Collectors.toList());
    }
  }

  /** Counts the rows matching a condition on the column ({@code %1$s} stands for it). */
  private Result count(String condition, String parameter) {
    String t = DataTableAssert.quoteQualified(table);
    String c = "t." + DataTableAssert.ident(actual);
    String where = String.format(condition, c);
    Result r = new Result();
    try {
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT count(*) FILTER (WHERE " + where + "), count(*) FROM " + t + " t")) {
        if (parameter != null) {
          s.setString(1, parameter);
        }
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          r.bad = rs.getLong(1);
          r.total = rs.getLong(2);
        }
      }
      if (r.bad > 0) {
        examples(t, c, where, parameter, r);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check " + name() + ": " + e.getMessage(), e);
    }
    return r;
  }

  /** The first rows that break the condition: their key (or ctid) and value. */
  private void examples(String t, String c, String where, String parameter, Result r)
      throws SQLException {
    String id =
        key.isEmpty()
            ? "'ctid=' || t.ctid::text"
            : key.stream()
                .map(
                    k ->
                        "'"
                            + k.replace("'", "''")
                            + "=' || coalesce(t."
                            + DataTableAssert.ident(k)
                            + "::text, 'NULL')")
                .collect(Collectors.joining(" || ' ' || "));
    String order =
        key.isEmpty()
            ? "t.ctid"
            : key.stream()
                .map(k -> "t." + DataTableAssert.ident(k))
                .collect(Collectors.joining(", "));
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT "
                + id
                + ", "
                + c
                + "::text FROM "
                + t
                + " t WHERE "
                + where
                + " ORDER BY "
                + order
                + " LIMIT "
                + EXAMPLES)) {
      if (parameter != null) {
        s.setString(1, parameter);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          r.examples.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
  }
}
