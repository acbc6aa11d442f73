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

/**
 * {@code isEquivalentTo}'s options, on snapshots of two real databases: one as the migrations build
 * it, one as production holds it (a platform role's grants, a schema of its own, other rows).
 */
class EquivalenceOptionsTest {

  private static final String SCHEMA =
      "CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL);"
          + "GRANT SELECT ON orders TO eq_reporting;";

  private static String builtDb;
  private static String liveDb;
  private static CatalogSnapshot built;
  private static CatalogSnapshot live;

  @BeforeAll
  static void create() throws SQLException {
    builtDb = Postgres.createDatabase();
    liveDb = Postgres.createDatabase();
    try (Connection c = Postgres.connect(builtDb)) {
      Sql.execute(
          c,
          "DO $$ BEGIN"
              + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eq_reporting') THEN"
              + " CREATE ROLE eq_reporting; END IF;"
              + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eq_rds_superuser') THEN"
              + " CREATE ROLE eq_rds_superuser; END IF; END $$;");
      Sql.execute(c, SCHEMA);
      built = CatalogSnapshot.capture(c);
    }
    try (Connection c = Postgres.connect(liveDb)) {
      Sql.execute(
          c,
          SCHEMA
              + "INSERT INTO orders VALUES (1, 10), (2, 20);"
              + "GRANT SELECT, UPDATE ON orders TO eq_rds_superuser;"
              + "CREATE SCHEMA audit; CREATE TABLE audit.log (id int);"
              + "GRANT SELECT ON audit.log TO eq_reporting;");
      live = CatalogSnapshot.capture(c);
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    Postgres.dropDatabase(builtDb);
    Postgres.dropDatabase(liveDb);
  }

  @Test
  void should_list_every_difference_without_options() {
    assertThatThrownBy(() -> assertThat(live).isEquivalentTo(built))
        .hasMessage(
            "\nExpecting the snapshots to be equivalent, but (expected → actual):\n"
                + "  - schema audit: added\n"
                + "  - table audit.log: added\n"
                + "  - table public.orders / privilege SELECT to eq_rds_superuser: added\n"
                + "  - table public.orders / privilege UPDATE to eq_rds_superuser: added\n"
                + "  - data of audit.log: new table with 0 rows\n"
                + "  - data of public.orders: 0 rows → 2");
  }

  @Test
  void should_leave_the_assert_it_was_made_from_unchanged() {
    SnapshotAssert strict = assertThat(live);
    strict.ignoringGrantsTo("eq_rds_superuser").ignoringSchemas("audit").ignoringData();
    assertThatThrownBy(() -> strict.isEquivalentTo(built))
        .hasMessageStartingWith(
            "\nExpecting the snapshots to be equivalent, but (expected → actual):\n"
                + "  - schema audit: added\n");
  }

  @Test
  void should_keep_comparing_the_grants_of_other_roles_and_the_other_schemas() throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.execute(
              c,
              "CREATE TABLE orders (id int PRIMARY KEY);"
                  + "GRANT SELECT, UPDATE ON orders TO eq_rds_superuser;"
                  + "CREATE SCHEMA audit; CREATE TABLE audit.log (id int, at timestamptz);");
          CatalogSnapshot restored = CatalogSnapshot.capture(c);
          assertThatThrownBy(
                  () ->
                      assertThat(restored)
                          .ignoringGrantsTo("eq_rds_superuser")
                          .ignoringSchemas("audit")
                          .ignoringData()
                          .isEquivalentTo(built))
              .hasMessage(
                  "\nExpecting the snapshots to be equivalent (ignoring grants to"
                      + " eq_rds_superuser; schema audit; data), but (expected → actual):\n"
                      + "  - table public.orders / column total: removed\n"
                      + "  - table public.orders / privilege SELECT to eq_reporting: removed");
        });
  }

  @Test
  void should_reject_a_blank_role_or_schema() {
    assertThatThrownBy(() -> assertThat(live).ignoringGrantsTo(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a role or schema name must not be blank");
  }

  @Test
  void should_pass_when_only_ignored_things_differ() {
    assertThat(live)
        .ignoringGrantsTo("eq_rds_superuser")
        .ignoringSchemas("audit")
        .ignoringData()
        .isEquivalentTo(built);
  }

  @Test
  void should_name_what_it_ignores_and_list_what_still_differs() {
    assertThatThrownBy(
            () -> assertThat(live).ignoringGrantsTo("eq_rds_superuser").isEquivalentTo(built))
        .hasMessage(
            "\nExpecting the snapshots to be equivalent (ignoring grants to eq_rds_superuser), but"
                + " (expected → actual):\n"
                + "  - schema audit: added\n"
                + "  - table audit.log: added\n"
                + "  - data of audit.log: new table with 0 rows\n"
                + "  - data of public.orders: 0 rows → 2");
  }
}
