package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.CofferdamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Navigation, column, constraint, index and equivalence assertions: passes and exact failures. */
class SnapshotAssertTest {

  private static String database;
  private static Connection connection;
  private static CatalogSnapshot snapshot;

  @BeforeAll
  static void create() throws SQLException {
    database = Postgres.createDatabase();
    connection = Postgres.connect(database);
    Sql.execute(
        connection,
        "CREATE SCHEMA archive;"
            + "CREATE TABLE orders ("
            + "  id bigint PRIMARY KEY,"
            + "  status varchar(20) NOT NULL DEFAULT 'new'"
            + "    CHECK (status IN ('new', 'paid', 'refunded')),"
            + "  placed_at timestamptz,"
            + "  total numeric(12,2) NOT NULL CHECK (total >= 0));"
            + "CREATE INDEX orders_status_placed_idx ON orders (status, placed_at);"
            + "CREATE TABLE archive.orders (id bigint);"
            + "CREATE TABLE users (id int PRIMARY KEY, email text);");
    snapshot = CatalogSnapshot.capture(connection);
  }

  @AfterAll
  static void drop() throws SQLException {
    connection.close();
    Postgres.dropDatabase(database);
  }

  @Test
  void should_pass_when_the_column_is_as_expected() {
    assertThat(snapshot)
        .table("public.orders")
        .column("status")
        .hasType("varchar(20)")
        .hasType("character varying(20)")
        .isNotNull()
        .hasDefault("'new'::character varying")
        .and()
        .column("placed_at")
        .hasType("timestamptz")
        .isNullable()
        .and()
        .column("total")
        .hasType("numeric(12, 2)");
    assertThat(snapshot).table("users").column("email").hasType("text");
  }

  @Test
  void should_fail_when_the_type_differs() {
    assertThatThrownBy(
            () -> assertThat(snapshot).table("users").column("email").hasType("varchar(255)"))
        .hasMessage(
            "\nExpecting column public.users.email to have type character varying(255), but it has"
                + " text");
    assertThatThrownBy(
            () ->
                assertThat(snapshot)
                    .table("public.orders")
                    .column("placed_at")
                    .hasType("timestamp"))
        .hasMessage(
            "\nExpecting column public.orders.placed_at to have type timestamp without time zone,"
                + " but it has timestamp with time zone");
  }

  @Test
  void should_fail_on_nullability_and_default() {
    assertThatThrownBy(() -> assertThat(snapshot).table("users").column("email").isNotNull())
        .hasMessage("\nExpecting column public.users.email to be NOT NULL, but it is nullable");
    assertThatThrownBy(() -> assertThat(snapshot).table("users").column("id").isNullable())
        .hasMessage("\nExpecting column public.users.id to be nullable, but it is NOT NULL");
    assertThatThrownBy(() -> assertThat(snapshot).table("users").column("email").hasDefault("''"))
        .hasMessage("\nExpecting column public.users.email to have default '', but it has none");
  }

  @Test
  void should_fail_at_once_on_a_missing_or_ambiguous_element_listing_what_exists() {
    assertThatThrownBy(() -> assertThat(snapshot).table("user"))
        .hasMessage(
            "\nExpecting the snapshot to have table \"user\", but it has archive.orders,"
                + " public.orders, public.users");
    assertThatThrownBy(() -> assertThat(snapshot).table("orders"))
        .hasMessage(
            "\nExpecting the snapshot to have one table \"orders\", but several match:"
                + " archive.orders, public.orders; qualify the name");
    assertThatThrownBy(() -> assertThat(snapshot).table("users").column("mail"))
        .hasMessage("\nExpecting table public.users to have column \"mail\", but it has id, email");
  }

  @Test
  void should_check_the_values_a_check_constraint_allows() {
    assertThat(snapshot)
        .table("public.orders")
        .hasCheckConstraintAllowing("status", "paid", "refunded");

    assertThatThrownBy(
            () ->
                assertThat(snapshot)
                    .table("public.orders")
                    .hasCheckConstraintAllowing(
                        "status", "refunded", "member_program_item_schedule"))
        .hasMessage(
            "\nExpecting table public.orders to have a CHECK constraint on status allowing"
                + " 'refunded', 'member_program_item_schedule', but orders_status_check allows only"
                + " 'new', 'paid', 'refunded' (missing: 'member_program_item_schedule')");
    assertThatThrownBy(
            () ->
                assertThat(snapshot)
                    .table("public.orders")
                    .hasCheckConstraintAllowing("total", "1"))
        .hasMessage(
            "\nExpecting table public.orders to have a CHECK constraint on total allowing '1', but it"
                + " has no CHECK of the form total IN (...); its CHECK constraints:"
                + " orders_status_check: CHECK (((status)::text = ANY ((ARRAY['new'::character"
                + " varying, 'paid'::character varying, 'refunded'::character varying])::text[])));"
                + " orders_total_check: CHECK ((total >= (0)::numeric))");
  }

  @Test
  void should_check_indexes_by_columns_in_order() {
    assertThat(snapshot).table("public.orders").hasIndexOn("status", "placed_at").hasIndexOn("id");

    assertThatThrownBy(() -> assertThat(snapshot).table("public.orders").hasIndexOn("placed_at"))
        .hasMessage(
            "\nExpecting table public.orders to have an index on (placed_at), but its indexes are:"
                + " orders_pkey (id), orders_status_placed_idx (status, placed_at)");
  }

  @Test
  void should_compare_whole_snapshots_with_an_ide_friendly_diff() throws Exception {
    assertThat(snapshot).isEquivalentTo(CatalogSnapshot.capture(connection));

    Postgres.withDatabase(
        c -> {
          Sql.execute(
              c,
              "CREATE TABLE users (id int PRIMARY KEY, email varchar(255));"
                  + "INSERT INTO users VALUES (1, 'a@x');");
          CatalogSnapshot expected = CatalogSnapshot.capture(c);
          Sql.execute(c, "ALTER TABLE users ALTER COLUMN email TYPE text; DELETE FROM users;");
          CatalogSnapshot actual = CatalogSnapshot.capture(c);

          Throwable thrown =
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> assertThat(actual).isEquivalentTo(expected));

          org.assertj.core.api.Assertions.assertThat(thrown)
              .isInstanceOf(AssertionFailedError.class)
              .hasMessage(
                  "\nExpecting the snapshots to be equivalent, but (expected → actual):\n"
                      + "  - table public.users / column email: type character varying(255) → text\n"
                      + "  - data of public.users: 1 rows → 0 (lost 1)");
          AssertionFailedError failure = (AssertionFailedError) thrown;
          org.assertj.core.api.Assertions.assertThat(
                  failure.getExpected().getStringRepresentation())
              .contains("\"type\" : \"character varying(255)\"");
          org.assertj.core.api.Assertions.assertThat(failure.getActual().getStringRepresentation())
              .contains("\"type\" : \"text\"");
        });
  }
}
