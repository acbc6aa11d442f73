package io.github.cofferdam.examples.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 1 (seed 000) in a Supabase project ({@code supabase/migrations}, run on the Supabase
 * stand-in): an RPC's {@code RETURNS TABLE} drifted from its table, and every call failed at run
 * time. The project uses {@code auth.uid()}, the {@code authenticated} and {@code anon} roles, row
 * level security and {@code gen_random_uuid()}.
 */
class SupabaseRpcDriftTest {

  private static final String CUSTOMER = "00000000-0000-0000-0000-0000000000c1";
  private static final String OTHER = "00000000-0000-0000-0000-0000000000c2";

  /** The fix: the RPC returns the table's own row type. */
  @Nested
  @MigrationTest(source = "supabase", locations = "projects/supabase-orders/fixed")
  class Fixed implements MigrationSafety {

    @Test
    void a_customer_places_an_order_and_sees_only_their_own(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO auth.users (id, email) VALUES ('"
                + CUSTOMER
                + "', 'c1@example.com'), ('"
                + OTHER
                + "', 'c2@example.com')");
        s.execute("SET ROLE authenticated");
        signIn(s, CUSTOMER);
        try (ResultSet rs = s.executeQuery("SELECT customer_id::text FROM create_order(12.50)")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(CUSTOMER);
        }
        assertThat(count(s, "SELECT count(*) FROM orders")).isEqualTo(1);
        signIn(s, OTHER);
        assertThat(count(s, "SELECT count(*) FROM orders")).isZero();
        s.execute("SET ROLE anon");
        assertThat(
                count(
                    s,
                    "SELECT count(*) FROM pg_proc WHERE proname = 'create_order'"
                        + " AND has_function_privilege('anon', oid, 'EXECUTE')"))
            .isZero();
        s.execute("RESET ROLE");
      }
    }
  }

  /** The RPC as it shipped. */
  @MigrationTest(source = "supabase", locations = "projects/supabase-orders/broken")
  static class Broken implements MigrationSafety {}

  @Test
  void the_drift_is_caught_before_any_call_fails() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("20240401090000_orders.sql")).isEqualTo("ok");
    assertThat(outcomes.get("20240402090000_create_order.sql"))
        .startsWith("20240402090000_create_order.sql: 1 finding")
        .contains(
            "[rpc-drift] after 20240402090000_create_order.sql, function"
                + " public.create_order(p_total numeric) returns the columns of table public.orders"
                + " by name, but with other types: column 'status': function returns character"
                + " varying, table has text; column 'created_at': function returns timestamp with"
                + " time zone, table has timestamp without time zone");
  }

  private static void signIn(Statement s, String user) throws SQLException {
    s.execute(
        "SELECT set_config('request.jwt.claims', '{\"sub\": \""
            + user
            + "\", \"role\": \"authenticated\"}', false)");
  }

  private static long count(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
