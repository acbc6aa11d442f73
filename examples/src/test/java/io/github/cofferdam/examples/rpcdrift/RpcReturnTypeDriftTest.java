package io.github.cofferdam.examples.rpcdrift;

import static io.github.cofferdam.junit.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.junit.MigrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 1 (seed 000): a function's {@code RETURNS TABLE} drifted from its table and 4 of 6 RPC
 * migrations needed hotfixes. One assertion catches every mismatch before deploy.
 */
class RpcReturnTypeDriftTest {

  @Nested
  @MigrationTest(locations = "classpath:incidents/rpc-drift/fixed")
  class Fixed {
    @Test
    void the_function_returns_exactly_the_columns_of_orders(Connection connection)
        throws SQLException {
      assertThat(CatalogSnapshot.capture(connection))
          .function("create_order_with_audit")
          .returnsColumnsOf("orders");

      try (Statement s = connection.createStatement()) {
        s.executeQuery("SELECT * FROM create_order_with_audit(NULL, 'A-1', 'dine_in')").close();
      }
    }
  }

  @Nested
  // the drift is what this class shows: the walk reports it, the tests below prove it
  @MigrationTest(locations = "classpath:incidents/rpc-drift/drifted", rules = "rpc-drift=warning")
  class Drifted {
    @Test
    void the_assertion_names_every_mismatch(Connection connection) {
      CatalogSnapshot snapshot = CatalogSnapshot.capture(connection);

      assertThatThrownBy(
              () ->
                  assertThat(snapshot)
                      .function("create_order_with_audit")
                      .returnsColumnsOf("orders"))
          .hasMessageContaining("column 'type': function returns character varying, table has text")
          .hasMessageContaining(
              "column 'check_closed_at': function returns timestamp with time zone, table has"
                  + " timestamp without time zone")
          .hasMessageContaining("missing column 'version' (table has integer)");
    }

    @Test
    void without_it_every_call_fails_at_run_time(Connection connection) {
      assertThatThrownBy(
              () -> {
                try (Statement s = connection.createStatement()) {
                  s.executeQuery("SELECT * FROM create_order_with_audit(NULL, 'A-1', 'dine_in')");
                }
              })
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("structure of query does not match function result type");
    }
  }
}
