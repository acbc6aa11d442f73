package io.github.cofferdam.junit.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which statements end or start a transaction, and how a replay makes them savepoints. */
class TransactionControlStatementsTest {

  @Test
  void should_find_the_statements_that_end_or_start_a_transaction() {
    assertThat(TransactionControl.is("COMMIT")).isTrue();
    assertThat(TransactionControl.is("-- done\n  commit work")).isTrue();
    assertThat(TransactionControl.is("/* a */ END")).isTrue();
    assertThat(TransactionControl.is("BEGIN")).isTrue();
    assertThat(TransactionControl.is("start transaction isolation level serializable")).isTrue();
    assertThat(TransactionControl.is("ROLLBACK")).isTrue();
    assertThat(TransactionControl.is("abort")).isTrue();
    assertThat(TransactionControl.is("PREPARE TRANSACTION 'x'")).isTrue();

    assertThat(TransactionControl.is("ROLLBACK TO SAVEPOINT a")).isFalse();
    assertThat(TransactionControl.is("rollback work to a")).isFalse();
    assertThat(TransactionControl.is("BEGIN ATOMIC SELECT 1; END")).isFalse();
    assertThat(TransactionControl.is("PREPARE q AS SELECT 1")).isFalse();
    assertThat(TransactionControl.is("START_DATE")).isFalse();
    assertThat(TransactionControl.is("CREATE TABLE commit_log (id int)")).isFalse();
    assertThat(TransactionControl.is("SELECT 'COMMIT'")).isFalse();
  }

  @Test
  void should_tell_a_script_with_transaction_control_from_one_without() {
    assertThat(TransactionControl.in(Optional.of("DELETE FROM t\n;\nCOMMIT\n;\nSELECT 1")))
        .isTrue();
    assertThat(TransactionControl.in(Optional.of("SAVEPOINT a\n;\nROLLBACK TO a"))).isFalse();
    assertThat(TransactionControl.in(Optional.empty())).isFalse();
  }

  @Test
  void should_replay_commits_as_new_segments_and_rollbacks_as_undoing_the_segment() {
    assertThat(
            TransactionControl.asSavepoints(
                "BEGIN\n;\nINSERT INTO a VALUES (1)\n;\nCOMMIT\n;\nINSERT INTO a VALUES (2)\n;\n"
                    + "ROLLBACK\n;\nINSERT INTO a VALUES (3)"))
        .isEqualTo(
            "SAVEPOINT cofferdam_segment\n;\nINSERT INTO a VALUES (1)\n;\n"
                + "RELEASE SAVEPOINT cofferdam_segment;\nSAVEPOINT cofferdam_segment\n;\n"
                + "INSERT INTO a VALUES (2)\n;\nROLLBACK TO SAVEPOINT cofferdam_segment\n;\n"
                + "INSERT INTO a VALUES (3)");
  }
}
