package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.diff.SchemaDiff;
import io.github.cofferdam.testing.Postgres;
import io.github.cofferdam.testing.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tracked snapshot refreshed with the OIDs of what changed equals a full snapshot of the database
 * afterwards, and its schema diff equals the full diff.
 */
class TrackedSnapshotTest {

  private Connection c;

  @BeforeEach
  void schema() throws SQLException {
    c = Postgres.connect(Postgres.createDatabase());
    Sql.runScript(c, "/schemas/everything.sql");
  }

  private long oid(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void run(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static TrackedSnapshot.Changes relations(Set<Long> oids) {
    return new TrackedSnapshot.Changes(
        oids, Set.of(), Set.of(), Set.of(), oids, Set.of(), false, Map.of());
  }

  /** A table and a function read again, with what the change query would say of them. */
  private static TrackedSnapshot.Changes tableAndFunction(
      long table, TrackedSnapshot.Kind kind, long function, boolean functionPrivileges) {
    return new TrackedSnapshot.Changes(
        Set.of(table),
        Set.of(),
        Set.of(function),
        Set.of(),
        Set.of(table),
        Set.of(),
        false,
        Map.of(table, kind),
        Map.of(function, functionPrivileges));
  }

  private void assertSameAsFull(CatalogSnapshot before, TrackedSnapshot.Refreshed refreshed) {
    CatalogSnapshot full = CatalogSnapshot.capture(c);
    CatalogSnapshot got = refreshed.snapshot();
    assertThat(got.tables()).as("tables").isEqualTo(full.tables());
    assertThat(got.columns()).as("columns").isEqualTo(full.columns());
    assertThat(got.constraints()).as("constraints").isEqualTo(full.constraints());
    assertThat(got.indexes()).as("indexes").isEqualTo(full.indexes());
    assertThat(got.functions()).as("functions").isEqualTo(full.functions());
    assertThat(got.data()).as("data").isEqualTo(full.data());
    assertThat(got).isEqualTo(full);
    assertThat(refreshed.schemaChanges()).isEqualTo(SchemaDiff.between(before, full));
  }

  @Test
  void should_read_views_sequences_triggers_and_policies_again_when_their_kinds_say_so()
      throws Exception {
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    long orders = oid("SELECT 'shop.orders'::regclass::oid");
    long summary = oid("SELECT 'shop.order_summary'::regclass::oid");
    long invoices = oid("SELECT 'shop.invoice_no'::regclass::oid");
    run(
        "CREATE OR REPLACE VIEW shop.order_summary AS SELECT status, count(*) AS orders,"
            + " max(id) AS last FROM shop.orders GROUP BY status;"
            + " ALTER SEQUENCE shop.invoice_no INCREMENT 20;"
            + " ALTER TABLE shop.orders ADD COLUMN note text;"
            + " ALTER TABLE shop.orders ENABLE TRIGGER orders_audit_off;"
            + " ALTER POLICY orders_not_secret ON shop.orders USING (type <> 'hidden')");
    Set<Long> all = Set.of(orders, summary, invoices);
    TrackedSnapshot.Kind table = new TrackedSnapshot.Kind("r", true, true); // triggers, a policy
    TrackedSnapshot.Kind view = new TrackedSnapshot.Kind("v", false, false);
    TrackedSnapshot.Kind sequence = new TrackedSnapshot.Kind("S", false, false);

    // every kind known: the view, the sequence, the triggers and the policy are read again
    TrackedSnapshot.Refreshed known =
        tracked.refresh(
            c,
            new TrackedSnapshot.Changes(
                all,
                Set.of(),
                Set.of(),
                Set.of(),
                all,
                Set.of(),
                false,
                Map.of(orders, table, summary, view, invoices, sequence)));
    assertSameAsFull(tracked.snapshot(), known);

    // only the table: its read leaves out the views and sequences queries
    TrackedSnapshot.Refreshed tableOnly =
        tracked.refresh(
            c,
            new TrackedSnapshot.Changes(
                Set.of(orders),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(orders),
                Set.of(),
                false,
                Map.of(orders, table)));
    assertThat(tableOnly.snapshot().views()).isEqualTo(tracked.snapshot().views());
    assertThat(tableOnly.snapshot().sequences()).isEqualTo(tracked.snapshot().sequences());
    assertThat(tableOnly.snapshot().columnsOf("shop", "orders"))
        .extracting(CatalogSnapshot.Column::name)
        .contains("note");
  }

  @Test
  void should_read_privileges_again_only_where_the_changes_say_there_may_be_some()
      throws Exception {
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    long orders = oid("SELECT 'shop.orders'::regclass::oid");
    long create = oid("SELECT 'shop.create_order(text)'::regprocedure::oid");
    run(
        "GRANT INSERT ON shop.orders TO PUBLIC;"
            + " REVOKE EXECUTE ON FUNCTION shop.create_order(text) FROM PUBLIC;"
            + " GRANT EXECUTE ON FUNCTION shop.create_order(text) TO PUBLIC");
    TrackedSnapshot.Kind granted = new TrackedSnapshot.Kind("r", true, true, true);
    TrackedSnapshot.Kind none = new TrackedSnapshot.Kind("r", true, true, false);

    // the changes say both may have privileges: read again, as a full snapshot reads them
    TrackedSnapshot.Refreshed read =
        tracked.refresh(c, tableAndFunction(orders, granted, create, true));
    assertSameAsFull(tracked.snapshot(), read);
    assertThat(read.snapshot().privileges())
        .contains(
            new CatalogSnapshot.Privilege("table", "shop.orders", "PUBLIC", "INSERT"),
            new CatalogSnapshot.Privilege(
                "function", "shop.create_order(p_type text)", "PUBLIC", "EXECUTE"));

    // the changes say neither has any (untrue here): both privileges queries are left out
    TrackedSnapshot.Refreshed skipped =
        tracked.refresh(c, tableAndFunction(orders, none, create, false));
    assertThat(skipped.snapshot().privileges())
        .noneMatch(p -> p.object().equals("shop.orders"))
        .noneMatch(p -> p.object().startsWith("shop.create_order"));
  }

  @Test
  void should_equal_a_full_snapshot_after_a_table_is_altered_renamed_and_written()
      throws Exception {
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    long orders = oid("SELECT 'shop.orders'::regclass::oid");
    run(
        "ALTER TABLE shop.orders ADD COLUMN note text DEFAULT 'n';"
            + " UPDATE shop.orders SET note = 'x'");

    TrackedSnapshot.Refreshed refreshed = tracked.refresh(c, relations(Set.of(orders)));

    assertSameAsFull(tracked.snapshot(), refreshed);
    assertThat(refreshed.schemaChanges().added())
        .extracting(a -> a.path())
        .containsExactly("table shop.orders / column note");
  }

  @Test
  void should_drop_a_relation_known_by_oid_and_add_a_new_function() throws Exception {
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    long bookings = oid("SELECT 'shop.bookings'::regclass::oid");
    run(
        "DROP TABLE shop.bookings;"
            + " CREATE FUNCTION shop.answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
    long answer = oid("SELECT 'shop.answer'::regproc::oid");

    TrackedSnapshot.Refreshed refreshed =
        tracked.refresh(
            c,
            new TrackedSnapshot.Changes(
                Set.of(bookings),
                Set.of(),
                Set.of(answer),
                Set.of(),
                Set.of(),
                Set.of(),
                false,
                Map.of()));

    assertSameAsFull(tracked.snapshot(), refreshed);
  }

  @Test
  void should_read_a_table_named_by_name_again() throws Exception {
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    String index =
        tracked.snapshot().indexes().stream()
            .filter(i -> i.table().equals("orders") && !i.unique())
            .findFirst()
            .orElseThrow()
            .name();
    run("DROP INDEX shop." + index);

    TrackedSnapshot.Refreshed refreshed =
        tracked.refresh(
            c,
            new TrackedSnapshot.Changes(
                Set.of(),
                Set.of(new QualifiedName("shop", "orders")),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                false,
                Map.of()));

    assertSameAsFull(tracked.snapshot(), refreshed);
    assertThat(refreshed.schemaChanges().removed()).hasSize(1);
  }

  @Test
  void should_read_everything_when_told_to() throws Exception {
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    run("CREATE SCHEMA extra; ALTER TABLE shop.bookings SET SCHEMA extra");

    TrackedSnapshot.Refreshed refreshed =
        tracked.refresh(
            c,
            new TrackedSnapshot.Changes(
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), true, Map.of()));

    assertSameAsFull(tracked.snapshot(), refreshed);
  }

  @Test
  void should_replace_only_its_own_entries_among_names_that_share_a_prefix_or_a_dot()
      throws Exception {
    // "t1" is a prefix of "t10" and of "t1/x"; schema "a.b" table "c" and schema "a" table "b.c"
    // are both "a.b.c": a refresh must find exactly the entries of the relation it reads again
    run(
        "CREATE SCHEMA \"a.b\"; CREATE SCHEMA a;"
            + " CREATE TABLE \"a.b\".c (id int PRIMARY KEY, v int CHECK (v > 0));"
            + " CREATE TABLE a.\"b.c\" (id int PRIMARY KEY, v int CHECK (v > 0));"
            + " CREATE TABLE public.t1 (id int PRIMARY KEY, v int CHECK (v > 0));"
            + " CREATE TABLE public.t10 (id int PRIMARY KEY, v int CHECK (v > 0));"
            + " CREATE TABLE public.\"t1/x\" (id int PRIMARY KEY, v int CHECK (v > 0));"
            + " CREATE INDEX ON public.t1 (v); CREATE INDEX ON public.t10 (v);"
            + " CREATE INDEX ON public.\"t1/x\" (v); CREATE INDEX ON \"a.b\".c (v);"
            + " CREATE INDEX ON a.\"b.c\" (v);"
            + " INSERT INTO public.t1 VALUES (1, 1); INSERT INTO public.t10 VALUES (1, 1);");
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    long t1 = oid("SELECT 'public.t1'::regclass::oid");
    long abc = oid("SELECT '\"a.b\".c'::regclass::oid");
    run(
        "ALTER TABLE public.t1 ADD COLUMN w int CHECK (w < 9), DROP CONSTRAINT t1_v_check;"
            + " CREATE INDEX ON public.t1 (w); ALTER TABLE \"a.b\".c ADD COLUMN w int;"
            + " CREATE INDEX zz ON \"a.b\".c (w); INSERT INTO public.t1 VALUES (2, 2, 2)");

    TrackedSnapshot.Refreshed refreshed = tracked.refresh(c, relations(Set.of(t1, abc)));

    assertSameAsFull(tracked.snapshot(), refreshed);
    assertThat(refreshed.schemaChanges().changes())
        .extracting(ch -> ch.path())
        .allMatch(path -> path.contains("public.t1 ") || path.contains("a.b.c "), "only t1, a.b.c")
        .anyMatch(path -> path.contains("public.t1 "))
        .anyMatch(path -> path.contains("a.b.c "));

    // a printed name stands for both
    assertThat(refreshed.tracked().tablesNamed(Set.of("a.b.c", "public.t1", "public.nothing")))
        .containsExactlyInAnyOrder(
            new QualifiedName("a.b", "c"),
            new QualifiedName("a", "b.c"),
            new QualifiedName("public", "t1"));

    // and by name: exactly a."b.c", not "a.b".c, which prints alike
    run("ALTER TABLE a.\"b.c\" ADD COLUMN w int");
    TrackedSnapshot.Refreshed byName =
        refreshed
            .tracked()
            .refresh(
                c,
                new TrackedSnapshot.Changes(
                    Set.of(),
                    Set.of(new QualifiedName("a", "b.c")),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(new QualifiedName("a", "b.c")),
                    false,
                    Map.of()));

    assertSameAsFull(refreshed.snapshot(), byName);
    // the diff names the new column of a."b.c", although "a.b".c has one that prints alike
    assertThat(byName.schemaChanges().added())
        .extracting(a -> a.path())
        .containsExactly("table a.b.c / column w");
    assertThat(byName.snapshot().columnsOf("a", "b.c"))
        .extracting(CatalogSnapshot.Column::name)
        .containsExactly("id", "v", "w");
  }

  @Test
  void should_miss_what_is_not_reported() throws Exception {
    // the contract: only what the caller names is read again
    TrackedSnapshot tracked = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
    run("ALTER TABLE shop.orders ADD COLUMN note text");

    TrackedSnapshot.Refreshed refreshed = tracked.refresh(c, relations(Set.of()));

    assertThat(refreshed.snapshot()).isEqualTo(tracked.snapshot());
    assertThat(refreshed.schemaChanges().isEmpty()).isTrue();
  }
}
