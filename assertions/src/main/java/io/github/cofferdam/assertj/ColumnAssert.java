package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.error.ShouldHaveColumnProperty.shouldBeNotNull;
import static io.github.cofferdam.assertj.error.ShouldHaveColumnProperty.shouldBeNullable;
import static io.github.cofferdam.assertj.error.ShouldHaveColumnProperty.shouldHaveDefault;
import static io.github.cofferdam.assertj.error.ShouldHaveColumnProperty.shouldHaveType;

import io.github.cofferdam.catalog.CatalogSnapshot;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one column of a table in a snapshot.
 *
 * @since 0.1.0
 */
public final class ColumnAssert extends AbstractAssert<ColumnAssert, CatalogSnapshot.Column> {

  private final TableAssert table;

  ColumnAssert(TableAssert table, CatalogSnapshot.Column column) {
    super(column, ColumnAssert.class);
    this.table = table;
  }

  /**
   * Verifies the exact type, as PostgreSQL prints it; common spellings are accepted ({@code
   * varchar(20)}, {@code timestamptz}, {@code int}). {@code varchar(20)} is not {@code text}, and
   * {@code timestamp} is not {@code timestamptz}.
   */
  public ColumnAssert hasType(String type) {
    if (!Names.normalizeType(type).equals(actual.type())) {
      throwAssertionError(
          shouldHaveType(actual.qualifiedName(), Names.normalizeType(type), actual.type()));
    }
    return this;
  }

  /** Verifies that the column is NOT NULL. */
  public ColumnAssert isNotNull() {
    if (actual.nullable()) {
      throwAssertionError(shouldBeNotNull(actual.qualifiedName()));
    }
    return this;
  }

  /** Verifies that the column accepts NULL. */
  public ColumnAssert isNullable() {
    if (!actual.nullable()) {
      throwAssertionError(shouldBeNullable(actual.qualifiedName()));
    }
    return this;
  }

  /** Verifies the default expression, as PostgreSQL prints it ({@code 'new'::text}). */
  public ColumnAssert hasDefault(String expression) {
    if (!Objects.equals(expression, actual.defaultValue())) {
      throwAssertionError(
          shouldHaveDefault(actual.qualifiedName(), expression, actual.defaultValue()));
    }
    return this;
  }

  /** Back to the table, to assert on another of its columns or constraints. */
  public TableAssert and() {
    return table;
  }
}
