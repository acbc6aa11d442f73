package io.github.cofferdam.junit.internal.flyway;

import java.util.Map;

/**
 * What the common SQLSTATE codes mean, in the words of PostgreSQL's Appendix A, with a short
 * explanation of what usually causes them in a migration.
 */
public final class SqlStates {

  private static final Map<String, String> CODES =
      Map.ofEntries(
          Map.entry("0A000", "feature_not_supported: PostgreSQL does not support this here"),
          Map.entry("21000", "cardinality_violation: a subquery returned more than one row"),
          Map.entry(
              "22001", "string_data_right_truncation: a value is too long for its column type"),
          Map.entry("22003", "numeric_value_out_of_range: a number does not fit its column type"),
          Map.entry("22007", "invalid_datetime_format: a value is not a valid date or time"),
          Map.entry("22008", "datetime_field_overflow: a date or time field is out of range"),
          Map.entry("22012", "division_by_zero: an expression divides by zero"),
          Map.entry(
              "22P02",
              "invalid_text_representation: a value cannot be converted to the target type"),
          Map.entry(
              "23502",
              "not_null_violation: a row has NULL in a NOT NULL column (add a default or backfill first)"),
          Map.entry("23503", "foreign_key_violation: a row references a key that does not exist"),
          Map.entry("23505", "unique_violation: a row duplicates a key that must be unique"),
          Map.entry("23514", "check_violation: a row violates a CHECK constraint"),
          Map.entry("23P01", "exclusion_violation: a row conflicts with an EXCLUDE constraint"),
          Map.entry(
              "25001",
              "active_sql_transaction: the statement cannot run inside a transaction block"),
          Map.entry("25006", "read_only_sql_transaction: the transaction is read-only"),
          Map.entry(
              "2BP01",
              "dependent_objects_still_exist: other objects depend on it (drop them first, or CASCADE knowingly)"),
          Map.entry("40001", "serialization_failure: a concurrent transaction conflicted"),
          Map.entry("40P01", "deadlock_detected: two transactions waited on each other"),
          Map.entry(
              "42501", "insufficient_privilege: the user lacks a privilege the statement needs"),
          Map.entry("42601", "syntax_error: the statement is not valid SQL"),
          Map.entry("42602", "invalid_name: a name is not valid"),
          Map.entry("42611", "invalid_column_definition: a column definition is not valid"),
          Map.entry("42622", "name_too_long: an identifier is longer than 63 bytes"),
          Map.entry("42701", "duplicate_column: the column already exists"),
          Map.entry("42702", "ambiguous_column: a column name matches more than one column"),
          Map.entry("42703", "undefined_column: a column named in the statement does not exist"),
          Map.entry("42704", "undefined_object: an object named in the statement does not exist"),
          Map.entry("42710", "duplicate_object: an object of that name already exists"),
          Map.entry("42723", "duplicate_function: a function with that signature already exists"),
          Map.entry("42725", "ambiguous_function: more than one function matches the call"),
          Map.entry("42803", "grouping_error: a column must appear in GROUP BY or an aggregate"),
          Map.entry("42804", "datatype_mismatch: a value's type does not match the declared type"),
          Map.entry(
              "42809", "wrong_object_type: the object is not of the kind the statement expects"),
          Map.entry(
              "42830", "invalid_foreign_key: the referenced columns have no unique constraint"),
          Map.entry("42846", "cannot_coerce: a value cannot be cast to the target type"),
          Map.entry("42883", "undefined_function: no function matches the name and argument types"),
          Map.entry(
              "42P01", "undefined_table: a table or view named in the statement does not exist"),
          Map.entry("42P06", "duplicate_schema: the schema already exists"),
          Map.entry(
              "42P07",
              "duplicate_table: a table, index, view or sequence of that name already exists"),
          Map.entry("42P10", "invalid_column_reference: a column reference is not valid here"),
          Map.entry(
              "42P13",
              "invalid_function_definition: the function definition is not valid (a changed RETURNS type needs DROP FUNCTION first)"),
          Map.entry("42P16", "invalid_table_definition: the table definition is not valid"),
          Map.entry("42P17", "invalid_object_definition: the object definition is not valid"),
          Map.entry(
              "55000",
              "object_not_in_prerequisite_state: the object is not in a state that allows this"),
          Map.entry("55P03", "lock_not_available: a lock could not be obtained"),
          Map.entry("57014", "query_canceled: the statement was canceled (statement_timeout?)"),
          Map.entry("P0001", "raise_exception: a RAISE EXCEPTION in PL/pgSQL"),
          Map.entry("P0002", "no_data_found: a PL/pgSQL INTO STRICT found no row"),
          Map.entry("P0003", "too_many_rows: a PL/pgSQL INTO STRICT found more than one row"));

  private static final Map<String, String> CLASSES =
      Map.ofEntries(
          Map.entry("08", "connection exception"),
          Map.entry("0A", "feature not supported"),
          Map.entry("22", "data exception"),
          Map.entry("23", "integrity constraint violation"),
          Map.entry("25", "invalid transaction state"),
          Map.entry("28", "invalid authorization specification"),
          Map.entry("2B", "dependent privilege descriptors still exist"),
          Map.entry("3D", "invalid catalog name"),
          Map.entry("3F", "invalid schema name"),
          Map.entry("40", "transaction rollback"),
          Map.entry("42", "syntax error or access rule violation"),
          Map.entry("53", "insufficient resources"),
          Map.entry("54", "program limit exceeded"),
          Map.entry("55", "object not in prerequisite state"),
          Map.entry("57", "operator intervention"),
          Map.entry("58", "system error"),
          Map.entry("P0", "PL/pgSQL error"),
          Map.entry("XX", "internal error"));

  private SqlStates() {}

  /**
   * For a statement the walk's own limits stopped (57014 statement timeout, 55P03 lock timeout),
   * the key that raises the limit and why it fired; empty for any other SQLSTATE.
   */
  public static java.util.Optional<String> limitHint(String sqlState) {
    if ("57014".equals(sqlState)) {
      return java.util.Optional.of(
          "raise the key cofferdam.statement.timeout (default 5min): the statement above ran"
              + " longer than the statement timeout and was canceled");
    }
    if ("55P03".equals(sqlState)) {
      return java.util.Optional.of(
          "raise the key cofferdam.lock.timeout (default 1min): the statement above waited"
              + " longer than the lock timeout for a lock another session held");
    }
    return java.util.Optional.empty();
  }

  /**
   * The condition name and meaning of a SQLSTATE, such as {@code undefined_column: a column named
   * in the statement does not exist}; for codes not in the table, the meaning of their class.
   */
  public static String meaning(String sqlState) {
    if (sqlState == null || sqlState.length() != 5) {
      return "not an SQL error";
    }
    String known = CODES.get(sqlState);
    if (known != null) {
      return known;
    }
    String cls = CLASSES.get(sqlState.substring(0, 2));
    return cls == null ? "unknown SQLSTATE" : "class " + sqlState.substring(0, 2) + ", " + cls;
  }
}
