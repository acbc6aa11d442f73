package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A schema with 2,000 tables is read completely: one query per object kind and batched data
 * queries. How long it takes is measured by {@link SnapshotBenchmark}, not asserted here.
 */
class LargeSchemaTest {

  /** Creates {@code n} tables, each with a primary key, a CHECK, an index and a row. */
  static void createTables(Connection c, int n) throws SQLException {
    Sql.execute(
        c,
        "DO $$ BEGIN FOR i IN 1.."
            + n
            + " LOOP"
            + " EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY,"
            + "   status text NOT NULL CHECK (status IN (''a'', ''b'')), v varchar(20))', i);"
            + " EXECUTE format('CREATE INDEX t%s_v_idx ON t%s (v)', i, i);"
            + " EXECUTE format('INSERT INTO t%s VALUES (1, ''a'', ''x'')', i);"
            + " END LOOP; END $$;");
  }

  @Test
  void should_read_every_table_of_a_2000_table_schema() throws Exception {
    Postgres.withDatabase(
        c -> {
          createTables(c, 2000);

          CatalogSnapshot snapshot = CatalogSnapshot.capture(c);

          assertThat(snapshot.tables()).hasSize(2000);
          assertThat(snapshot.columns()).hasSize(6000);
          assertThat(snapshot.constraints()).hasSize(4000);
          assertThat(snapshot.indexes()).hasSize(4000);
          assertThat(snapshot.data()).hasSize(2000).allMatch(d -> d.rowCount() == 1);
          assertThat(snapshot.dataOf("public", "t1999").orElseThrow().fingerprint())
              .isEqualTo(snapshot.dataOf("public", "t7").orElseThrow().fingerprint());
        });
  }
}
