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

  private long prepared() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'cofferdam\\_%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void should_prepare_once_per_session_and_pass_arrays_intact() throws SQLException {
    List<String> values = List.of("plain", "with \"quote\"", "back\\slash", "comma, too", "");
    List<List<String>> seen = new ArrayList<>();
    SessionStatements.Query query =
        new SessionStatements.Query(
            "SELECT $1::text[]",
            List.of(SessionStatements.array(values)),
            rs -> seen.add(Arrays.asList((String[]) rs.getArray(1).getArray())));

    SessionStatements.run(c, List.of(query, query));
    SessionStatements.run(c, List.of(query));

    assertThat(seen).hasSize(3).allSatisfy(v -> assertThat(v).isEqualTo(values));
    assertThat(prepared()).isEqualTo(1);
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
