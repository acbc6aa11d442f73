package io.github.cofferdam.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row counts and fingerprints do not depend on where a table's layout comes from. */
class DataReaderTest {

  @Test
  void should_fingerprint_alike_whether_the_layout_comes_from_the_catalog_read_or_is_read_again()
      throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.execute(
              c,
              "CREATE SCHEMA \"Odd Schema\";"
                  + "CREATE TABLE \"Odd Schema\".\"Line Items\" (\"user\" int, gone int,"
                  + " \"Order Id\" int, note text, PRIMARY KEY (\"Order Id\", \"user\"));"
                  + "ALTER TABLE \"Odd Schema\".\"Line Items\" DROP COLUMN gone;"
                  + "ALTER TABLE \"Odd Schema\".\"Line Items\" ADD COLUMN later date;"
                  + "INSERT INTO \"Odd Schema\".\"Line Items\" VALUES (2, 1, 'b', NULL),"
                  + " (1, 2, 'a', '2026-01-01'), (1, 1, NULL, NULL);"
                  + "CREATE TABLE plain (x int, y text); INSERT INTO plain VALUES (2, 'b'), (1, 'a');"
                  + "CREATE TABLE renamed_key (id int CONSTRAINT first_name PRIMARY KEY);"
                  + "ALTER INDEX first_name RENAME TO second_name;"
                  + "INSERT INTO renamed_key VALUES (3), (1), (2);");
          DataReader reader = new DataReader(c, SnapshotOptions.defaults());
          // the layout from a snapshot's sorted lists, by binary search
          CatalogSnapshot snapshot =
              new CatalogReader(c, SnapshotOptions.defaults().withoutData()).read();
          DataReader.Layout layout = DataReader.Layout.of(snapshot.columns(), snapshot.tables());

          List<CatalogSnapshot.TableData> fromCatalog = reader.data(snapshot.tables(), layout);
          List<CatalogSnapshot.TableData> readAgain =
              reader.data(snapshot.tables(), DataReader.Layout.NONE);

          assertThat(fromCatalog).hasSize(3).isEqualTo(readAgain);
          assertThat(layout.columns())
              .containsEntry(
                  new QualifiedName("Odd Schema", "Line Items"),
                  List.of("user", "Order Id", "note", "later"))
              .containsEntry(new QualifiedName("public", "plain"), List.of("x", "y"))
              .containsEntry(new QualifiedName("public", "renamed_key"), List.of("id"));
        });
  }
}
