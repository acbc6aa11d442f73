package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.cofferdam.catalog.CatalogSnapshot.ResultColumn;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every object kind of the snapshot, read from a real database built by schemas/everything.sql. */
class CatalogSnapshotTest {

  private static String database;
  private static CatalogSnapshot snapshot;

  @BeforeAll
  static void capture() throws SQLException {
    database = Postgres.createDatabase();
    try (Connection c = Postgres.connect(database)) {
      Sql.runScript(c, "/schemas/everything.sql");
      snapshot = CatalogSnapshot.capture(c);
    }
  }

  @Test
  void should_read_schemas_without_system_ones() {
    assertThat(snapshot.schemas()).containsExactly("public", "shop");
  }

  @Test
  void should_read_tables_partitions_and_row_level_security() {
    assertThat(snapshot.tables())
        .extracting(
            t -> t.qualifiedName(), t -> t.kind(), t -> t.partitionOf(), t -> t.rowLevelSecurity())
        .containsExactly(
            tuple("shop.bookings", "table", null, false),
            tuple("shop.measurements", "partitioned table", null, false),
            tuple("shop.measurements_2026", "table", "shop.measurements", false),
            tuple("shop.order_lines", "table", null, false),
            tuple("shop.orders", "table", null, true));
    assertThat(snapshot.table("measurements_2026").orElseThrow().partitionBound())
        .isEqualTo("FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
  }

  @Test
  void should_read_columns_with_exact_types_nullability_defaults_identity_and_generation() {
    assertThat(snapshot.columnsOf("shop", "orders"))
        .extracting(c -> c.name(), c -> c.type(), c -> c.nullable())
        .containsExactly(
            tuple("id", "bigint", false),
            tuple("type", "text", false),
            tuple("status", "character varying(20)", false),
            tuple("total", "numeric(12,2)", false),
            tuple("tags", "text[]", true),
            tuple("contact", "shop.email", true),
            tuple("created_at", "timestamp with time zone", false),
            tuple("check_closed_at", "timestamp without time zone", true),
            tuple("version", "integer", false),
            tuple("total_cents", "bigint", true),
            tuple("mood", "shop.mood", true));
    var columns = snapshot.columnsOf("shop", "orders");
    assertThat(columns.get(0).identity()).isEqualTo("always");
    assertThat(columns.get(2).defaultValue()).isEqualTo("'new'::character varying");
    assertThat(columns.get(2).baseType()).isEqualTo("character varying");
    assertThat(columns.get(9).generated()).isEqualTo("((total * (100)::numeric))::bigint");
    assertThat(columns.get(9).defaultValue()).isNull();
    // views have columns too
    assertThat(snapshot.columnsOf("shop", "order_summary"))
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly("status character varying(20)", "orders bigint");
  }

  @Test
  void should_read_every_kind_of_constraint_with_its_definition_and_validation() {
    assertThat(snapshot.constraints())
        .extracting(
            c -> c.table() + "." + c.name(), c -> c.type(), c -> c.definition(), c -> c.validated())
        .containsExactly(
            tuple(
                "bookings.bookings_during_excl",
                "exclusion",
                "EXCLUDE USING gist (during WITH &&)",
                true),
            tuple(
                "order_lines.order_lines_order_id_fkey",
                "foreign key",
                "FOREIGN KEY (order_id) REFERENCES shop.orders(id) ON DELETE CASCADE",
                true),
            tuple(
                "order_lines.order_lines_order_id_sku_key",
                "unique",
                "UNIQUE (order_id, sku)",
                true),
            tuple(
                "order_lines.order_lines_pkey",
                "primary key",
                "PRIMARY KEY (order_id, line_no)",
                true),
            tuple("orders.orders_pkey", "primary key", "PRIMARY KEY (id)", true),
            tuple(
                "orders.orders_status_check",
                "check",
                "CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character"
                    + " varying, 'refunded'::character varying])::text[])))",
                true),
            tuple(
                "orders.orders_total_positive",
                "check",
                "CHECK ((total >= (0)::numeric)) NOT VALID",
                false));
  }

  @Test
  void should_read_indexes_with_definition_uniqueness_validity_and_columns() {
    assertThat(snapshot.indexes())
        .extracting(i -> i.name(), i -> i.unique(), i -> i.valid(), i -> i.columns())
        .contains(
            tuple("orders_status_idx", false, true, java.util.List.of("status")),
            tuple("orders_type_lower_idx", true, true, java.util.List.of("lower(type)")),
            tuple("order_lines_pkey", true, true, java.util.List.of("order_id", "line_no")));
    assertThat(snapshot.indexes())
        .filteredOn(i -> i.name().equals("orders_type_lower_idx"))
        .extracting(i -> i.definition())
        .containsExactly(
            "CREATE UNIQUE INDEX orders_type_lower_idx ON shop.orders USING btree (lower(type))");
  }

  @Test
  void should_read_views_and_materialized_views() {
    assertThat(snapshot.views())
        .extracting(v -> v.qualifiedName(), v -> v.materialized())
        .containsExactly(tuple("shop.order_summary", false), tuple("shop.order_totals", true));
    // pg_get_viewdef's layout differs between PostgreSQL versions (14 qualifies columns)
    assertThat(snapshot.view("order_totals").orElseThrow().definition())
        .matches("(?s)\\s*SELECT sum\\((orders\\.)?total\\) AS total\\s+FROM shop\\.orders;");
  }

  @Test
  void should_read_functions_and_procedures_with_result_columns_but_not_extension_members() {
    assertThat(snapshot.functions())
        .extracting(
            f -> f.signature(),
            f -> f.kind(),
            f -> f.language(),
            f -> f.volatility(),
            f -> f.securityDefiner())
        .containsExactly(
            tuple("shop.all_orders()", "function", "sql", "stable", false),
            tuple("shop.audit()", "function", "plpgsql", "volatile", false),
            tuple("shop.create_order(p_type text)", "function", "plpgsql", "volatile", true),
            tuple("shop.touch(IN p integer)", "procedure", "sql", "volatile", false));
    var create = snapshot.functions().get(2);
    assertThat(create.result())
        .isEqualTo("TABLE(id bigint, type text, created_at timestamp with time zone)");
    assertThat(create.returnsSet()).isTrue();
    assertThat(create.resultColumns())
        .containsExactly(
            new ResultColumn("id", "bigint"),
            new ResultColumn("type", "text"),
            new ResultColumn("created_at", "timestamp with time zone"));
    assertThat(create.bodyHash()).hasSize(32);
    var all = snapshot.functions().get(0);
    assertThat(all.result()).isEqualTo("SETOF shop.orders");
    assertThat(all.returnsRowOf()).isEqualTo("shop.orders");
    assertThat(snapshot.functions().get(3).result()).isNull();
  }

  @Test
  void should_read_triggers_with_their_state() {
    assertThat(snapshot.triggers())
        .extracting(t -> t.name(), t -> t.enabled())
        .containsExactly(tuple("orders_audit", "origin"), tuple("orders_audit_off", "disabled"));
    assertThat(snapshot.triggers().get(0).definition())
        .isEqualTo(
            "CREATE TRIGGER orders_audit BEFORE INSERT ON shop.orders FOR EACH ROW EXECUTE"
                + " FUNCTION shop.audit()");
  }

  @Test
  void should_read_enums_sequences_extensions_policies_and_privileges() {
    assertThat(snapshot.enums())
        .extracting(e -> e.qualifiedName(), e -> e.labels())
        .containsExactly(tuple("shop.mood", java.util.List.of("sad", "ok", "happy")));
    assertThat(snapshot.sequences())
        .extracting(s -> s.qualifiedName(), s -> s.start(), s -> s.increment(), s -> s.ownedBy())
        .containsExactly(
            tuple("shop.invoice_no", 1000L, 10L, null),
            tuple("shop.orders_id_seq", 1L, 1L, "shop.orders.id"));
    assertThat(snapshot.extensions())
        .extracting(e -> e.name() + "@" + e.schema())
        .containsExactly("pgcrypto@public", "plpgsql@pg_catalog");
    assertThat(snapshot.policies())
        .extracting(p -> p.name(), p -> p.command(), p -> p.roles(), p -> p.using())
        .containsExactly(
            tuple(
                "orders_not_secret",
                "SELECT",
                java.util.List.of("PUBLIC"),
                "(type <> 'secret'::text)"));
    assertThat(snapshot.privileges())
        .extracting(
            p -> p.objectType() + " " + p.object() + " " + p.grantee() + " " + p.privilege())
        .containsExactly(
            "function shop.create_order(p_type text) PUBLIC EXECUTE",
            "function shop.create_order(p_type text) cofferdam_reader EXECUTE",
            "table shop.orders cofferdam_reader INSERT",
            "table shop.orders cofferdam_reader SELECT");
  }

  @Test
  void should_count_rows_and_fingerprint_leaf_tables_inside_postgres() {
    assertThat(snapshot.data())
        .extracting(d -> d.qualifiedName(), d -> d.rowCount())
        .containsExactly(
            tuple("shop.bookings", 0L),
            tuple("shop.measurements_2026", 1L),
            tuple("shop.order_lines", 3L),
            tuple("shop.orders", 2L));
    var bookings = snapshot.dataOf("shop", "bookings").orElseThrow();
    assertThat(bookings.fingerprint()).isNull();
    var lines = snapshot.dataOf("shop", "order_lines").orElseThrow();
    assertThat(lines.fingerprint()).matches("-?[0-9]+"); // a sum of 64-bit hashes
    assertThat(lines.columnFingerprints()).containsOnlyKeys("line_no", "order_id", "sku");
  }

  @Test
  void should_notice_same_count_different_values_and_name_the_column() throws Exception {
    Postgres.withDatabase(
        c -> {
          Sql.execute(
              c,
              "CREATE TABLE users (id int PRIMARY KEY, email text, name text);"
                  + "INSERT INTO users VALUES (1, 'a@x', 'Ada'), (2, 'b@x', 'Bob');");
          var before = CatalogSnapshot.capture(c).dataOf("public", "users").orElseThrow();
          var after = usersAfter(c, "UPDATE users SET name = 'Robert' WHERE id = 2");

          assertThat(after.rowCount()).isEqualTo(before.rowCount());
          assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
          assertThat(after.columnFingerprints().get("name"))
              .isNotEqualTo(before.columnFingerprints().get("name"));
          assertThat(after.columnFingerprints().get("email"))
              .isEqualTo(before.columnFingerprints().get("email"));

          // the same values in other rows: each column holds the same multiset, the rows differ
          var swapped =
              usersAfter(c, "UPDATE users SET email = CASE id WHEN 1 THEN 'b@x' ELSE 'a@x' END");
          assertThat(swapped.fingerprint()).isNotEqualTo(after.fingerprint());
          assertThat(swapped.columnFingerprints()).isEqualTo(after.columnFingerprints());

          // a value made null changes its column, as a null made a value does
          var nulled = usersAfter(c, "UPDATE users SET name = NULL WHERE id = 1");
          assertThat(nulled.columnFingerprints().get("name"))
              .isNotEqualTo(swapped.columnFingerprints().get("name"));
          assertThat(nulled.columnFingerprints().get("email"))
              .isEqualTo(swapped.columnFingerprints().get("email"));

          // one more null is one more value of the multiset
          var moreNulls = usersAfter(c, "INSERT INTO users VALUES (3, 'c@x', NULL)");
          assertThat(moreNulls.columnFingerprints().get("name"))
              .isNotEqualTo(nulled.columnFingerprints().get("name"));

          // with or without a primary key, insertion order does not matter
          Sql.execute(
              c,
              "CREATE TABLE a (x int, y text); CREATE TABLE b (x int, y text);"
                  + "INSERT INTO a VALUES (1, 'one'), (2, 'two'); INSERT INTO b VALUES (2, 'two'), (1, 'one');");
          var snap = CatalogSnapshot.capture(c);
          assertThat(snap.dataOf("public", "a").orElseThrow().fingerprint())
              .isEqualTo(snap.dataOf("public", "b").orElseThrow().fingerprint());
        });
  }

  @Test
  void should_honour_schema_and_table_options() throws SQLException {
    try (Connection c = Postgres.connect(database)) {
      var onlyPublic = CatalogSnapshot.capture(c, SnapshotOptions.defaults().schemas("public"));
      assertThat(onlyPublic.schemas()).containsExactly("public");
      assertThat(onlyPublic.tables()).isEmpty();

      var withoutOrders =
          CatalogSnapshot.capture(
              c, SnapshotOptions.defaults().excludeTables("shop.orders").withoutData());
      assertThat(withoutOrders.tables()).extracting(t -> t.name()).doesNotContain("orders");
      assertThat(withoutOrders.columns()).noneMatch(col -> col.relation().equals("orders"));
      assertThat(withoutOrders.constraints()).noneMatch(con -> con.table().equals("orders"));
      assertThat(withoutOrders.data()).isEmpty();
    }
  }

  @Test
  void should_name_the_object_kind_when_a_catalog_query_fails() throws SQLException {
    Connection closed = Postgres.connect(database);
    closed.close();

    assertThatThrownBy(() -> CatalogSnapshot.capture(closed))
        .isInstanceOf(SnapshotException.class)
        .hasMessage("reading the schemas of the catalog failed: This connection has been closed.");
  }

  /** The data of table {@code users} after a statement. */
  private static CatalogSnapshot.TableData usersAfter(Connection c, String sql)
      throws SQLException {
    Sql.execute(c, sql);
    return CatalogSnapshot.capture(c).dataOf("public", "users").orElseThrow();
  }
}
