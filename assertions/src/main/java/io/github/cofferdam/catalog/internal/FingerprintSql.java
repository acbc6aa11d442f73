package io.github.cofferdam.catalog.internal;

/**
 * The SQL of data fingerprints: sums of 64-bit hashes ({@code hashtextextended}), computed inside
 * PostgreSQL.
 */
public final class FingerprintSql {

  private FingerprintSql() {}

  /**
   * The SQL of one column's fingerprint: the sum of a 64-bit hash of each value's text ({@code
   * hashtextextended}), a null counting as 1. A sum does not depend on the order of the rows, so it
   * depends on the multiset of values only (the row fingerprint covers which row holds which), can
   * be recomputed through a type change whatever the table's key, and needs no sort.
   */
  public static String column(String textExpression) {
    return "sum(coalesce(hashtextextended(" + textExpression + ", 0), 1))::text";
  }

  /**
   * The SQL of a table's row fingerprint: the sum of a 64-bit hash of each row's text ({@code
   * t::text} holds every column, so moving a value to another row changes it). {@code null} for an
   * empty table.
   */
  public static String rows(String rowText) {
    return "sum(hashtextextended(" + rowText + ", 0))::text";
  }
}
