package io.github.cofferdam.assertj;

import static io.github.cofferdam.assertj.CofferdamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Data integrity on live data (seed 002: NULL slugs), with counts and examples. */
class DatabaseAssertTest {

  private static String database;
  private static Connection connection;

  @BeforeAll
  static void create() throws SQLException {
    database = Postgres.createDatabase();
    connection = Postgres.connect(database);
    Sql.execute(
        connection,
        "CREATE TABLE ads (id int PRIMARY KEY, slug text, title text);"
            + "INSERT INTO ads SELECT g, 'ad-' || g, 'Ad ' || g FROM generate_series(1, 120) g;"
            + "UPDATE ads SET slug = NULL WHERE id IN (4, 9, 17);"
            + "UPDATE ads SET slug = '' WHERE id = 30;"
            + "UPDATE ads SET slug = 'Hello World' WHERE id = 3;"
            + "CREATE TABLE clean (slug text NOT NULL);"
            + "INSERT INTO clean VALUES ('a-1'), ('b-2');"
            + "CREATE TABLE nokey (slug text); INSERT INTO nokey VALUES (NULL);");
  }

  @AfterAll
  static void drop() throws SQLException {
    connection.close();
    Postgres.dropDatabase(database);
  }

  @Test
  void should_pass_on_clean_data() {
    assertThat(connection)
        .table("clean")
        .column("slug")
        .hasNoNulls()
        .hasNoEmptyStrings()
        .allMatch("^[a-z0-9-]+$");
  }

  @Test
  void should_report_nulls_with_counts_and_examples() {
    assertThatThrownBy(() -> assertThat(connection).table("ads").column("slug").hasNoNulls())
        .hasMessage(
            "\nExpecting column public.ads.slug to have no NULLs, but 3 of 120 rows have one, for"
                + " example: id=4, id=9, id=17");
    assertThatThrownBy(() -> assertThat(connection).table("nokey").column("slug").hasNoNulls())
        .hasMessage(
            "\nExpecting column public.nokey.slug to have no NULLs, but 1 of 1 rows have one, for"
                + " example: ctid=(0,1)");
  }

  @Test
  void should_report_empty_strings_and_values_not_matching() {
    assertThatThrownBy(() -> assertThat(connection).table("ads").column("slug").hasNoEmptyStrings())
        .hasMessage(
            "\nExpecting column public.ads.slug to have no empty strings, but 1 of 120 rows have"
                + " one, for example: id=30");
    assertThatThrownBy(
            () -> assertThat(connection).table("ads").column("slug").allMatch("^[a-z0-9-]+$"))
        .hasMessage(
            "\nExpecting every value of column public.ads.slug to match ^[a-z0-9-]+$, but 2 of 120"
                + " rows do not, for example: 'Hello World' (id=3), '' (id=30)");
  }

  @Test
  void should_fail_at_once_on_a_missing_table_or_column() {
    assertThatThrownBy(() -> assertThat(connection).table("adz"))
        .hasMessage(
            "\nExpecting the database to have table \"adz\", but it has public.ads, public.clean,"
                + " public.nokey");
    assertThatThrownBy(() -> assertThat(connection).table("ads").column("slugs"))
        .hasMessage(
            "\nExpecting table public.ads to have column \"slugs\", but it has id, slug, title");
  }
}
