package io.github.cofferdam.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which table a function's result mirrors, across schemas, views and near-misses. */
class ResultColumnsTest {

  @Test
  void should_pick_the_closest_table_with_every_result_column_and_only_tables() throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.execute(
              c,
              "CREATE SCHEMA billing; CREATE SCHEMA \"billing.v2\";"
                  // exact mirror in one schema, a wider table with the same names in another
                  + " CREATE TABLE billing.invoices (id bigint, total numeric, status text);"
                  + " CREATE TABLE \"billing.v2\".invoices (id bigint, total numeric, status text,"
                  + "   note text, due date);"
                  + " CREATE FUNCTION billing.list_invoices() RETURNS TABLE (id bigint, total numeric,"
                  + "   status text) LANGUAGE sql AS 'SELECT id, total, status FROM billing.invoices';"
                  // a view with exactly the result's columns: views are not mirrored tables
                  + " CREATE TABLE public.people (id int, name text, email text, born date);"
                  + " CREATE VIEW public.people_brief AS SELECT id, name FROM public.people;"
                  + " CREATE FUNCTION public.brief() RETURNS TABLE (id int, name text)"
                  + "   LANGUAGE sql AS 'SELECT id, name FROM public.people';"
                  // two tables equally close: no single best one
                  + " CREATE TABLE public.a1 (x int, y int, z int); CREATE TABLE public.a2 (x int,"
                  + "   y int, w int);"
                  + " CREATE FUNCTION public.xy() RETURNS TABLE (x int, y int) LANGUAGE sql"
                  + "   AS 'SELECT 1, 2';"
                  // one result column: never matched
                  + " CREATE FUNCTION public.only_id() RETURNS TABLE (id int) LANGUAGE sql"
                  + "   AS 'SELECT 1';");
          CatalogSnapshot snapshot = CatalogSnapshot.capture(c);

          Map<String, String> mirrored = new TreeMap<>();
          ResultColumns.mirroredTables(snapshot)
              .forEach((f, t) -> mirrored.put(f.signature(), t.qualifiedName()));

          assertThat(mirrored)
              .containsExactly(
                  Map.entry("billing.list_invoices()", "billing.invoices"),
                  Map.entry("public.brief()", "public.people"));
          snapshot.functions().stream()
              .filter(f -> f.name().equals("list_invoices"))
              .forEach(
                  f ->
                      assertThat(ResultColumns.mirroredTable(snapshot, f))
                          .map(CatalogSnapshot.Table::qualifiedName)
                          .contains("billing.invoices"));
        });
  }
}
