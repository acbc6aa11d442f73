package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.CofferdamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident that needed 4 hotfixes out of 6 (seed 000): {@code create_order_with_audit} declared
 * {@code type VARCHAR}, {@code check_closed_at TIMESTAMPTZ} and no {@code version} over an {@code
 * orders} table with {@code text}, {@code timestamp} and {@code integer version}.
 */
class RpcReturnTypesTest {

  private static final String TABLE =
      "CREATE TABLE orders ("
          + "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
          + "  restaurant_id uuid,"
          + "  order_number text NOT NULL,"
          + "  type text NOT NULL,"
          + "  status text NOT NULL,"
          + "  created_at timestamptz NOT NULL DEFAULT now(),"
          + "  check_closed_at timestamp,"
          + "  version integer NOT NULL DEFAULT 1);";

  private static String function(String returns, String select) {
    return "CREATE OR REPLACE FUNCTION create_order_with_audit("
        + "  p_restaurant_id uuid, p_order_number text, p_type text, p_status text DEFAULT 'pending')"
        + " RETURNS TABLE ("
        + returns
        + ") LANGUAGE plpgsql SECURITY DEFINER AS $$"
        + " DECLARE v_order_id uuid;"
        + " BEGIN"
        + "   INSERT INTO orders (restaurant_id, order_number, type, status)"
        + "   VALUES (p_restaurant_id, p_order_number, p_type, p_status) RETURNING orders.id INTO v_order_id;"
        + "   RETURN QUERY SELECT "
        + select
        + " FROM orders o WHERE o.id = v_order_id;"
        + " END; $$;";
  }

  private static final String DRIFTED =
      function(
          "id uuid, restaurant_id uuid, order_number text, type varchar, status text,"
              + " created_at timestamptz, check_closed_at timestamptz",
          "o.id, o.restaurant_id, o.order_number, o.type, o.status, o.created_at, o.check_closed_at");

  private static final String CORRECTED =
      "DROP FUNCTION create_order_with_audit(uuid, text, text, text);"
          + function(
              "id uuid, restaurant_id uuid, order_number text, type text, status text,"
                  + " created_at timestamptz, check_closed_at timestamp, version integer",
              "o.id, o.restaurant_id, o.order_number, o.type, o.status, o.created_at,"
                  + " o.check_closed_at, o.version");

  private static String database;
  private static Connection connection;

  @BeforeAll
  static void create() throws SQLException {
    database = Postgres.createDatabase();
    connection = Postgres.connect(database);
    Sql.execute(connection, TABLE + DRIFTED);
  }

  @AfterAll
  static void drop() throws SQLException {
    connection.close();
    Postgres.dropDatabase(database);
  }

  @Test
  void should_fail_naming_every_mismatch_and_the_missing_column() throws SQLException {
    // the drift is real: every call fails at run time
    Throwable call =
        catchThrowable(
            () ->
                Sql.value(
                    connection, "SELECT * FROM create_order_with_audit(NULL, 'A-1', 'dine_in')"));
    org.assertj.core.api.Assertions.assertThat(((SQLException) call).getSQLState())
        .isEqualTo("42804");

    CatalogSnapshot snapshot = CatalogSnapshot.capture(connection);

    assertThatThrownBy(
            () ->
                assertThat(snapshot).function("create_order_with_audit").returnsColumnsOf("orders"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting function public.create_order_with_audit(p_restaurant_id uuid, p_order_number"
                + " text, p_type text, p_status text) to return the columns of table public.orders"
                + " (same names, order and types), but:\n"
                + "  - column 'type': function returns character varying, table has text\n"
                + "  - column 'check_closed_at': function returns timestamp with time zone, table has"
                + " timestamp without time zone\n"
                + "  - missing column 'version' (table has integer)\n"
                + "Declare RETURNS TABLE with the table's column types, or RETURNS SETOF"
                + " public.orders.");
  }

  @Test
  void should_pass_on_the_corrected_function_and_check_subsets() throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.execute(c, TABLE + DRIFTED + CORRECTED);
          Sql.value(
              c, "SELECT * FROM create_order_with_audit(NULL, 'A-1', 'dine_in')"); // works now

          CatalogSnapshot snapshot = CatalogSnapshot.capture(c);

          assertThat(snapshot).function("create_order_with_audit").returnsColumnsOf("orders");
          assertThat(snapshot)
              .function("public.create_order_with_audit")
              .returnsColumnsOf("public.orders");
          assertThatThrownBy(
                  () ->
                      assertThat(snapshot)
                          .function("create_order_with_audit")
                          .returnsColumnsOf("orders", "id", "type"))
              .hasMessage(
                  "\nExpecting function public.create_order_with_audit(p_restaurant_id uuid,"
                      + " p_order_number text, p_type text, p_status text) to return the columns id,"
                      + " type of table public.orders (same names, order and types), but:\n"
                      + "  - extra column 'restaurant_id' (uuid): not among the expected columns\n"
                      + "  - extra column 'order_number' (text): not among the expected columns\n"
                      + "  - extra column 'status' (text): not among the expected columns\n"
                      + "  - extra column 'created_at' (timestamp with time zone): not among the expected"
                      + " columns\n"
                      + "  - extra column 'check_closed_at' (timestamp without time zone): not among the"
                      + " expected columns\n"
                      + "  - extra column 'version' (integer): not among the expected columns\n"
                      + "Declare RETURNS TABLE with the table's column types, or RETURNS SETOF"
                      + " public.orders.");
        });
  }

  @Test
  void should_accept_setof_the_table_and_report_column_order() throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.execute(
              c,
              "CREATE TABLE t (a int, b text);"
                  + "CREATE FUNCTION all_t() RETURNS SETOF t LANGUAGE sql AS 'SELECT * FROM t';"
                  + "CREATE FUNCTION swapped() RETURNS TABLE (b text, a int) LANGUAGE sql AS 'SELECT b, a FROM t';"
                  + "CREATE FUNCTION subset() RETURNS TABLE (a int) LANGUAGE sql AS 'SELECT a FROM t';"
                  + "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';");
          CatalogSnapshot snapshot = CatalogSnapshot.capture(c);

          assertThat(snapshot).function("all_t").returnsSetOf("t").returnsColumnsOf("t");
          assertThat(snapshot).function("subset").returnsColumnsOf("t", "a");
          assertThatThrownBy(() -> assertThat(snapshot).function("swapped").returnsColumnsOf("t"))
              .hasMessage(
                  "\nExpecting function public.swapped() to return the columns of table public.t (same"
                      + " names, order and types), but:\n"
                      + "  - columns in another order: function (b, a), table (a, b)\n"
                      + "Declare RETURNS TABLE with the table's column types, or RETURNS SETOF public.t.");
          assertThatThrownBy(() -> assertThat(snapshot).function("swapped").returnsSetOf("t"))
              .hasMessage(
                  "\nExpecting function public.swapped() to return SETOF public.t, but it returns"
                      + " TABLE(b text, a integer)");
          assertThatThrownBy(() -> assertThat(snapshot).function("p").returnsColumnsOf("t"))
              .hasMessageContaining(
                  "  - it returns nothing (it is a procedure), not a list of columns");
          assertThatThrownBy(() -> assertThat(snapshot).function("nope"))
              .hasMessage(
                  "\nExpecting the snapshot to have function \"nope\", but it has public.all_t,"
                      + " public.p, public.subset, public.swapped");
        });
  }
}
