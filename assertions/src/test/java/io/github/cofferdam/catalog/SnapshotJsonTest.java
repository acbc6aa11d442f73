package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import org.junit.jupiter.api.Test;

/** The JSON form: byte-stable, round-tripping, versioned. */
class SnapshotJsonTest {

  @Test
  void should_write_the_same_bytes_for_the_same_database_and_read_them_back() throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.runScript(c, "/schemas/everything.sql");

          String first = SnapshotJson.write(CatalogSnapshot.capture(c));
          String second = SnapshotJson.write(CatalogSnapshot.capture(c));

          assertThat(second).isEqualTo(first);
          assertThat(first)
              .startsWith("{\n  \"format\" : \"cofferdam-snapshot\",\n  \"version\" : 1,\n");
          CatalogSnapshot read = SnapshotJson.read(first);
          assertThat(read).isEqualTo(CatalogSnapshot.capture(c));
          assertThat(SnapshotJson.write(read)).isEqualTo(first);
        });
  }

  @Test
  void should_reject_what_is_not_a_snapshot_of_a_known_version() {
    assertThatThrownBy(() -> SnapshotJson.read("{\"format\":\"other\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a Cofferdam snapshot: the \"format\" header must be \"cofferdam-snapshot\"");
    assertThatThrownBy(() -> SnapshotJson.read("{\"format\":\"cofferdam-snapshot\",\"version\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cofferdam snapshot format version 2 cannot be read by this version of Cofferdam,"
                + " which reads version 1");
    assertThatThrownBy(() -> SnapshotJson.read("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a Cofferdam snapshot: not JSON (");
  }
}
