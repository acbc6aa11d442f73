package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The expected-schema text, rendered from snapshots of real databases. */
class SchemaTextTest {

  private static final String ORDERS =
      "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2) NOT NULL DEFAULT 0,"
          + " status text CHECK (status <> ''));"
          + "CREATE INDEX orders_status_idx ON orders (status);"
          + "CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100;";

  private static String rendered(String sql) throws Exception {
    try (Connection c = Postgres.connect(Postgres.createDatabase())) {
      Sql.execute(c, sql);
      return SchemaText.render(
          CatalogSnapshot.capture(c, SnapshotOptions.defaults().withoutData()));
    }
  }

  @Test
  void should_render_the_same_text_for_two_databases_built_by_the_same_sql() throws Exception {
    String first = rendered(ORDERS);
    String second = rendered(ORDERS);
    assertThat(first).isEqualTo(second);
    assertThat(SchemaText.differences(first, second)).isEmpty();
    assertThat(first)
        .contains(
            "table public.orders\n"
                + "  column id bigint not null\n"
                + "  column total numeric(10,2) not null default 0\n"
                + "  column status text\n")
        .contains(
            "  index orders_status_idx CREATE INDEX orders_status_idx ON public.orders USING btree (status)\n")
        .contains("\n\nview public.big_orders\n  column id bigint\n  definition SELECT")
        .doesNotContain("rows")
        .endsWith("\n");
  }

  @Test
  void should_name_a_changed_column_type_and_a_dropped_index() throws Exception {
    String expected = rendered(ORDERS);
    String built =
        rendered(
            ORDERS
                + "DROP INDEX orders_status_idx; DROP VIEW big_orders;"
                + "ALTER TABLE orders ALTER COLUMN total TYPE integer;"
                + "CREATE TABLE extra (id int);");

    assertThat(SchemaText.differences(expected, built))
        .containsExactly(
            "table public.extra: built, not expected",
            "table public.orders: expected \"column total numeric(10,2) not null default 0\", not built",
            "table public.orders: expected \"index orders_status_idx CREATE INDEX orders_status_idx ON public.orders USING btree (status)\", not built",
            "table public.orders: built \"column total integer not null default 0\", not expected",
            "view public.big_orders: expected, not built");
  }

  @Test
  void should_compare_hand_written_text_block_by_block() {
    String expected = "table public.a\n  column x int\n\ntable public.b\n  column y int\n";
    String actual = "table public.a\n  column x int\n  column z int\n\nenum public.e\n  labels a\n";
    assertThat(SchemaText.differences(expected, actual))
        .containsExactly(
            "enum public.e: built, not expected",
            "table public.a: built \"column z int\", not expected",
            "table public.b: expected, not built");
  }

  @Test
  void should_name_columns_in_another_order() {
    assertThat(
            SchemaText.differences(
                "table public.a\n  column x int\n  column y int\n",
                "table public.a\n  column y int\n  column x int\n"))
        .containsExactly(
            "table public.a: the same lines in another order (expected [column x int, column y"
                + " int], built [column y int, column x int])");
  }
}
