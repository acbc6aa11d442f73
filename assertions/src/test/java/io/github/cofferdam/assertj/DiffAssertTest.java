package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.CofferdamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.DataDiff;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema and data diff assertions: passes and exact failures. */
class DiffAssertTest {

  private String database;
  private Connection connection;
  private CatalogSnapshot before;

  @BeforeEach
  void create() throws SQLException {
    database = Postgres.createDatabase();
    connection = Postgres.connect(database);
    Sql.execute(
        connection,
        "CREATE TABLE users (id int PRIMARY KEY, email text);"
            + "INSERT INTO users SELECT g, 'u' || g || '@x' FROM generate_series(1, 565) g;"
            + "CREATE TABLE sessions (id int PRIMARY KEY);"
            + "INSERT INTO sessions SELECT generate_series(1, 100);"
            + "CREATE TABLE inventory (id int PRIMARY KEY,"
            + "  reference_type text CHECK (reference_type IN ('order', 'member_program_item_schedule')));"
            + "CREATE VIEW order_summary AS SELECT count(*) FROM users;"
            + "CREATE VIEW active_users AS SELECT * FROM users;");
    before = CatalogSnapshot.capture(connection);
  }

  @AfterEach
  void drop() throws SQLException {
    connection.close();
    Postgres.dropDatabase(database);
  }

  private SchemaDiff schemaAfter(String sql) throws SQLException {
    Sql.execute(connection, sql);
    return SchemaDiff.between(before, CatalogSnapshot.capture(connection));
  }

  private DataDiff dataAfter(String sql) throws SQLException {
    Sql.execute(connection, sql);
    return DataDiff.between(before, CatalogSnapshot.capture(connection));
  }

  @Test
  void should_pass_when_nothing_was_removed_or_narrowed() throws SQLException {
    SchemaDiff diff = schemaAfter("ALTER TABLE users ADD COLUMN name text;");

    assertThat(diff).hasNoRemovedObjects().noConstraintNarrowed().removedOnly();
    assertThatThrownBy(() -> assertThat(diff).hasNoChanges())
        .hasMessage(
            "\nExpecting no schema changes, but:\n  - table public.users / column name: added: text");
  }

  @Test
  void should_list_removed_objects() throws SQLException {
    SchemaDiff diff = schemaAfter("DROP VIEW order_summary; DROP VIEW active_users;");

    assertThatThrownBy(() -> assertThat(diff).hasNoRemovedObjects())
        .hasMessage(
            "\nExpecting no removed objects, but 2 were removed:\n"
                + "  - view public.active_users\n"
                + "  - view public.order_summary");
    assertThat(diff).removedOnly("view public.active_users", "view public.order_summary");
    assertThatThrownBy(
            () -> assertThat(diff).removedOnly("view public.order_summary", "table public.users"))
        .hasMessage(
            "\nExpecting only view public.order_summary, table public.users to be removed, but:\n"
                + "  - view public.active_users was removed too\n"
                + "  - table public.users was not removed");
  }

  @Test
  void should_name_the_values_a_narrowed_check_lost() throws SQLException {
    SchemaDiff diff =
        schemaAfter(
            "ALTER TABLE inventory DROP CONSTRAINT inventory_reference_type_check;"
                + "ALTER TABLE inventory ADD CONSTRAINT inventory_reference_type_check"
                + "  CHECK (reference_type IN ('order', 'physical_count'));"
                + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");

    assertThatThrownBy(() -> assertThat(diff).noConstraintNarrowed())
        .hasMessage(
            "\nExpecting no constraint to accept fewer rows than before, but:\n"
                + "  - table public.inventory / constraint inventory_reference_type_check: CHECK lost"
                + " values: 'member_program_item_schedule'; CHECK accepts new values: 'physical_count'\n"
                + "  - table public.users / column email: nullable → not null\n"
                + "Rows (or triggers, or application code) that rely on what was allowed before now"
                + " fail.");
  }

  @Test
  void should_pass_when_rows_are_kept_or_added() throws SQLException {
    DataDiff diff = dataAfter("INSERT INTO sessions VALUES (101);");

    assertThat(diff)
        .preservesRowCounts()
        .preservesRowCount("users")
        .preservesData("users")
        .lostAtMostPercent("sessions", 0);
  }

  @Test
  void should_report_lost_rows_and_vanished_tables() throws SQLException {
    DataDiff diff =
        dataAfter(
            "DROP TABLE users CASCADE; CREATE TABLE users (id int PRIMARY KEY, email text);"
                + "DELETE FROM sessions WHERE id <= 40; DROP TABLE inventory;");

    assertThatThrownBy(() -> assertThat(diff).preservesRowCounts())
        .hasMessage(
            "\nExpecting every table to keep its rows, but:\n"
                + "  - public.sessions: 100 rows → 60 (lost 40)\n"
                + "  - public.users: 565 rows → 0 (lost 565)");
    assertThatThrownBy(() -> assertThat(diff).preservesRowCount("users"))
        .hasMessage(
            "\nExpecting table public.users to keep its rows, but: 565 rows → 0 (lost 565)");
    assertThatThrownBy(() -> assertThat(diff).lostAtMostPercent("sessions", 5))
        .hasMessage(
            "\nExpecting table public.sessions to lose at most 5% of its rows, but it lost 40% (100"
                + " rows → 60)");
    assertThat(diff).lostAtMostPercent("sessions", 40).preservesRowCount("inventory");
    assertThatThrownBy(() -> assertThat(diff).lostAtMostPercent("sessions", 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percent must be between 0 and 100, but was 101.0");
  }

  @Test
  void should_report_changed_values_with_the_same_count() throws SQLException {
    DataDiff diff = dataAfter("UPDATE users SET email = upper(email) WHERE id = 7;");

    assertThat(diff).preservesRowCounts();
    assertThatThrownBy(() -> assertThat(diff).preservesData("users"))
        .hasMessage(
            "\nExpecting the data of table public.users to be unchanged, but: 565 rows → 565;"
                + " changed columns: email");
    assertThatThrownBy(() -> assertThat(diff).preservesData("orders"))
        .hasMessage(
            "\nExpecting the data diff to have table \"orders\", but it has public.inventory,"
                + " public.sessions, public.users");
  }
}
