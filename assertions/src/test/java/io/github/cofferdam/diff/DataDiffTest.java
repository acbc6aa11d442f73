package io.github.cofferdam.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.diff.internal.StepDataDiff;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sequence of data diffs (one per step of a walk) shares the entries of tables that changed in
 * neither step, and each diff still equals the diff computed alone.
 */
class DataDiffTest {

  /**
   * Three tables of one row each, captured ({@code get(0)}), then a row added to {@code b} and
   * {@code b} read again ({@code get(1)}).
   */
  private static List<TrackedSnapshot> rowAddedToB(Connection connection) throws SQLException {
    Sql.execute(
        connection,
        "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY);"
            + " CREATE TABLE c (id int PRIMARY KEY);"
            + " INSERT INTO a VALUES (1); INSERT INTO b VALUES (1); INSERT INTO c VALUES (1);");
    TrackedSnapshot s0 = TrackedSnapshot.capture(connection, SnapshotOptions.defaults());
    Sql.execute(connection, "INSERT INTO b VALUES (2)");
    return List.of(s0, written(connection, s0, "b"));
  }

  /**
   * The snapshot with the data of {@code table} read again (the others carried over as objects).
   */
  private static TrackedSnapshot written(
      Connection connection, TrackedSnapshot previous, String table) {
    return previous
        .refresh(
            connection,
            new TrackedSnapshot.Changes(
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(new QualifiedName("public", table)),
                false,
                Map.of()))
        .tracked();
  }

  @Test
  void should_share_the_entries_of_tables_unchanged_in_both_steps() throws Exception {
    Postgres.withDatabase(
        connection -> {
          List<TrackedSnapshot> steps = rowAddedToB(connection);
          TrackedSnapshot s0 = steps.get(0);
          TrackedSnapshot s1 = steps.get(1);
          Sql.execute(connection, "DELETE FROM c");
          TrackedSnapshot s2 = written(connection, s1, "c");
          CatalogSnapshot first = s0.snapshot();
          CatalogSnapshot second = s1.snapshot();
          CatalogSnapshot third = s2.snapshot();

          DataDiff one = DataDiff.between(first, second);
          DataDiff two = StepDataDiff.between(second, third, one);

          assertThat(two).isEqualTo(DataDiff.between(second, third));
          // a changed in neither step: the same entry
          assertThat(two.table("a").orElseThrow()).isSameAs(one.table("a").orElseThrow());
          // b changed in the first step: its entry there says so, so a new one is made
          assertThat(one.table("b").orElseThrow().changed()).isTrue();
          assertThat(two.table("b").orElseThrow()).isNotSameAs(one.table("b").orElseThrow());
          assertThat(two.table("b").orElseThrow().changed()).isFalse();
          // c changed in the second step
          assertThat(two.table("c").orElseThrow().rowsLost()).isEqualTo(1);
        });
  }

  @Test
  void should_take_nothing_from_a_previous_diff_of_other_tables() throws Exception {
    Postgres.withDatabase(
        connection -> {
          List<TrackedSnapshot> steps = rowAddedToB(connection);
          TrackedSnapshot s0 = steps.get(0);
          TrackedSnapshot s1 = steps.get(1);
          // unchanged entries with the same row counts, in the same places, but of other tables
          DataDiff other =
              new DataDiff(
                  List.of(
                      new TableDataChange("public.x", 1L, 1L, List.of(), false),
                      new TableDataChange("public.y", 1L, 1L, List.of(), false),
                      new TableDataChange("public.z", 1L, 1L, List.of(), false)));

          DataDiff diff = StepDataDiff.between(s0.snapshot(), s1.snapshot(), other);

          assertThat(diff).isEqualTo(DataDiff.between(s0.snapshot(), s1.snapshot()));
          assertThat(diff.tables())
              .extracting(TableDataChange::table)
              .containsExactly("public.a", "public.b", "public.c");
        });
  }
}
