package io.github.cofferdam.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.testing.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionStatementsTest {

  private Connection c;

  @BeforeEach
  void connect() throws SQLException {
    c = Postgres.connect(Postgres.createDatabase());
  }

  /** The first row of a query, as text. */
  private List<String> row(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(rs.getString(i));
      }
      return row;
    }
  }

  private long prepared() throws SQLException {
    return Long.parseLong(
        row("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'cofferdam\\_%'").get(0));
  }

  @Test
  void should_prepare_once_per_session_and_pass_arrays_intact() throws SQLException {
    List<String> values = List.of("plain", "with \"quote\"", "back\\slash", "comma, too", "");
    List<List<String>> seen = new ArrayList<>();
    SessionStatements.Query query =
        new SessionStatements.Query(
            "SELECT " + SessionStatements.argument(1) + "::text[]",
            List.of(SessionStatements.array(values)),
            rs -> seen.add(Arrays.asList((String[]) rs.getArray(1).getArray())));

    SessionStatements.run(c, List.of(query, query));
    SessionStatements.run(c, List.of(query));

    assertThat(seen).hasSize(3).allSatisfy(v -> assertThat(v).isEqualTo(values));
    assertThat(prepared()).isEqualTo(1);
  }

  @Test
  void should_give_each_query_its_own_arguments_and_keep_them_inside_the_round_trip()
      throws SQLException {
    List<String> seen = new ArrayList<>();
    String sql =
        "SELECT " + SessionStatements.argument(1) + " || '/' || " + SessionStatements.argument(2);
    SessionStatements.run(
        c,
        List.of(
            new SessionStatements.Query(sql, List.of("a", "it's"), rs -> seen.add(rs.getString(1))),
            new SessionStatements.Query(sql, List.of("b", "c"), rs -> seen.add(rs.getString(1))),
            new SessionStatements.Query(
                "SELECT 'same: ' || " + SessionStatements.argument(2),
                List.of("b", "c"),
                rs -> seen.add(rs.getString(1))),
            new SessionStatements.Query(sql, List.of("a", "c"), rs -> seen.add(rs.getString(1)))));

    assertThat(seen).containsExactly("a/it's", "b/c", "same: c", "a/c");
    assertThat(row("SELECT current_setting('cofferdam.arg1', true)").get(0))
        .as("a transaction-local setting, gone after it")
        .isNotEqualTo("b");
  }

  @Test
  void should_plan_a_statement_with_arguments_once() throws SQLException {
    List<String> seen = new ArrayList<>();
    SessionStatements.Query query =
        new SessionStatements.Query(
            "SELECT p.proname FROM pg_proc p WHERE p.oid = ANY("
                + SessionStatements.argument(1)
                + "::oid[])",
            List.of("{1242}"),
            rs -> seen.add(rs.getString(1)));
    for (int i = 0; i < 8; i++) {
      SessionStatements.run(c, List.of(query));
    }

    assertThat(seen).hasSize(8).containsOnly("boolin");
    List<String> plans =
        row(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                + " WHERE name LIKE 'cofferdam\\_%'");
    assertThat(plans.get(1)).as("custom plans").isEqualTo("0");
    assertThat(Long.parseLong(plans.get(0))).as("generic plans").isPositive();
  }

  @Test
  void should_plan_along_the_indexes_and_restore_the_planner_settings() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE small (id int PRIMARY KEY, v text);"
              + " INSERT INTO small VALUES (1, 'one'), (2, 'two'), (3, 'three'); ANALYZE small;"
              + " SET enable_mergejoin = off");
    }
    c.setAutoCommit(false);
    List<String> seen = new ArrayList<>();
    SessionStatements.Query query =
        new SessionStatements.Query(
            "SELECT v FROM small WHERE id = ANY(" + SessionStatements.argument(1) + "::int[])",
            List.of("{2}"),
            rs -> seen.add(rs.getString(1)));

    SessionStatements.run(c, List.of(query));
    // already prepared and planned: this batch leaves the planner settings alone
    SessionStatements.run(c, List.of(query));

    assertThat(seen).containsExactly("two", "two");
    assertThat(
            row(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_hashjoin'),"
                    + " current_setting('enable_mergejoin')"))
        .as("as they were before the batch")
        .containsExactly("on", "on", "off");
    // a three-row table is cheapest to scan whole; the plan made at the first EXECUTE, and kept
    // for the session, uses the index
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN EXECUTE " + SessionStatements.name(query.sql()))) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    assertThat(plan.toString()).contains("small_pkey").doesNotContain("Seq Scan");
    c.rollback();
  }

  @Test
  void should_keep_statements_prepared_in_a_transaction_that_rolled_back() throws SQLException {
    List<Integer> seen = new ArrayList<>();
    SessionStatements.Query one =
        new SessionStatements.Query("SELECT 1", List.of(), rs -> seen.add(rs.getInt(1)));
    c.setAutoCommit(false);
    SessionStatements.run(c, List.of(one));
    c.rollback();

    SessionStatements.run(c, List.of(one));

    assertThat(seen).containsExactly(1, 1);
    assertThat(prepared()).isEqualTo(1);
  }

  @Test
  void should_recover_after_a_failed_batch() throws SQLException {
    List<Integer> seen = new ArrayList<>();
    SessionStatements.Query good =
        new SessionStatements.Query("SELECT 2", List.of(), rs -> seen.add(rs.getInt(1)));
    SessionStatements.Query bad =
        new SessionStatements.Query("SELECT 1 / 0", List.of(), rs -> seen.add(rs.getInt(1)));

    assertThatThrownBy(() -> SessionStatements.run(c, List.of(good, bad)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("division by zero");
    // the PREPAREs of the failed batch may or may not have taken effect: the server is asked
    SessionStatements.run(c, List.of(good));

    assertThat(seen).endsWith(2);
    assertThat(SessionStatements.name("SELECT 2"))
        .isNotEqualTo(SessionStatements.name("SELECT 1 / 0"));
  }
}
