package io.github.cofferdam.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema and data differences between snapshots of a real database before and after a change. */
class SchemaDiffTest {

  private String database;
  private Connection connection;

  @BeforeEach
  void createDatabase() throws SQLException {
    database = Postgres.createDatabase();
    connection = Postgres.connect(database);
    Sql.execute(
        connection,
        "CREATE TABLE orders ("
            + "  id int PRIMARY KEY,"
            + "  status varchar(20) NOT NULL CHECK (status IN ('new', 'paid', 'member_program_item_schedule')),"
            + "  note text);"
            + "CREATE VIEW order_summary AS SELECT status, count(*) FROM orders GROUP BY status;"
            + "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
            + "CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit();"
            + "INSERT INTO orders VALUES (1, 'new', 'a'), (2, 'paid', 'b');");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    connection.close();
    Postgres.dropDatabase(database);
  }

  private CatalogSnapshot snapshot() {
    return CatalogSnapshot.capture(connection);
  }

  @Test
  void should_describe_each_change_with_a_stable_path() throws SQLException {
    CatalogSnapshot before = snapshot();
    Sql.execute(
        connection,
        "DROP VIEW order_summary;"
            + "ALTER TABLE orders ALTER COLUMN status TYPE text;"
            + "ALTER TABLE orders DROP CONSTRAINT orders_status_check;"
            + "ALTER TABLE orders ADD CONSTRAINT orders_status_check"
            + "  CHECK (status IN ('new', 'paid', 'refunded'));"
            + "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;"
            + "ALTER TABLE orders ADD COLUMN total numeric(12,2) NOT NULL DEFAULT 0;"
            + "CREATE INDEX orders_status_idx ON orders (status);");
    CatalogSnapshot after = snapshot();

    SchemaDiff diff = SchemaDiff.between(before, after);

    assertThat(diff.changes())
        .extracting(SchemaChange::summary)
        .containsExactly(
            "table public.orders / column note: nullable → not null",
            "table public.orders / column status: type character varying(20) → text",
            "table public.orders / column total: added: numeric(12,2) not null default 0",
            "table public.orders / constraint orders_status_check: CHECK lost values:"
                + " 'member_program_item_schedule'; CHECK accepts new values: 'refunded'",
            "table public.orders / index orders_status_idx: added: CREATE INDEX orders_status_idx"
                + " ON public.orders USING btree (status)",
            // the view's columns are not listed again: the view itself is gone
            "view public.order_summary: removed");
    assertThat(diff.narrowings())
        .extracting(SchemaChange::path)
        .containsExactly(
            "table public.orders / column note",
            "table public.orders / constraint orders_status_check");
    assertThat(diff.removed())
        .extracting(SchemaChange::path)
        .containsExactly("view public.order_summary");
    assertThat(diff.modified().get(2).lostValues())
        .containsExactly("'member_program_item_schedule'");
  }

  @Test
  void should_be_empty_for_the_same_database() {
    assertThat(SchemaDiff.between(snapshot(), snapshot()).changes()).isEmpty();
    assertThat(DataDiff.between(snapshot(), snapshot()).changed()).isEmpty();
  }

  @Test
  void should_report_what_a_recreated_table_lost() throws SQLException {
    CatalogSnapshot before = snapshot();
    Sql.execute(
        connection,
        "DROP TABLE orders CASCADE;"
            + "CREATE TABLE orders (id int PRIMARY KEY, status varchar(20) NOT NULL"
            + "  CHECK (status IN ('new', 'paid', 'member_program_item_schedule')), note text);");
    CatalogSnapshot after = snapshot();

    assertThat(SchemaDiff.between(before, after).changes())
        .extracting(SchemaChange::summary)
        .containsExactly(
            "table public.orders / trigger orders_audit: removed",
            "view public.order_summary: removed");
    DataDiff data = DataDiff.between(before, after);
    assertThat(data.changed())
        .extracting(TableDataChange::table, TableDataChange::description)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("public.orders", "2 rows → 0 (lost 2)"));
    assertThat(data.table("orders").orElseThrow().rowsLost()).isEqualTo(2);
  }

  @Test
  void should_name_the_columns_whose_values_changed() throws SQLException {
    CatalogSnapshot before = snapshot();
    Sql.execute(
        connection,
        "UPDATE orders SET note = upper(note);"
            + "CREATE TABLE audit_log (id int); INSERT INTO audit_log VALUES (1);");
    CatalogSnapshot after = snapshot();

    assertThat(DataDiff.between(before, after).changed())
        .extracting(TableDataChange::table, TableDataChange::description)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("public.audit_log", "new table with 1 rows"),
            org.assertj.core.api.Assertions.tuple(
                "public.orders", "2 rows → 2; changed columns: note"));
  }
}
