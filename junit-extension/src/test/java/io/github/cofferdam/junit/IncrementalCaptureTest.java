package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walk reads again only what each migration touched (objects named by its DDL, relations whose
 * catalog row it wrote, what depends on either, tables it wrote to); after every step of these
 * corpora it also takes a full snapshot and fails if the snapshots or their schema diffs differ in
 * anything. {@code safety/tricky} covers renames (tables, columns, indexes, types, enum values,
 * sequences, functions), drops and cascades, grants, partitions, policies, schemas, {@code SET
 * LOCAL search_path}, materialized views, dynamic DDL, domains, inheritance, and a table renamed
 * under functions and columns that name its row type (returned, as an array argument, as a column
 * type), and a function rewritten with another body each time its migration runs (the replay must
 * not take it for the same function).
 */
class IncrementalCaptureTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  @TempDir static Path generated;

  @Test
  void should_equal_a_full_snapshot_without_event_triggers() throws Exception {
    // an ordinary user cannot create event triggers: every step reads the whole catalog, and data
    // is read again for the tables written to or rewritten (pg_class.xmin)
    try (TestDatabase db = server.createDatabase("not superuser")) {
      String url;
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_ic') THEN"
                + " CREATE ROLE plain_ic LOGIN; END IF; END $$;"
                + " GRANT ALL ON SCHEMA public TO plain_ic;"
                + " GRANT CREATE ON DATABASE \""
                + db.name()
                + "\" TO plain_ic");
        url = c.getMetaData().getURL();
      }
      io.github.cofferdam.junit.internal.SimpleDataSource plain =
          new io.github.cofferdam.junit.internal.SimpleDataSource() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
              return java.sql.DriverManager.getConnection(url, "plain_ic", "");
            }
          };
      List<StepResult> steps = walk(plain, "classpath:safety/tricky", true);

      assertThat(steps).hasSize(24).allMatch(st -> st.outcome() == StepResult.Outcome.APPLIED);
    }
  }

  @Test
  void should_read_everything_after_a_migration_outside_a_transaction() throws Exception {
    // V2 runs with executeInTransaction=false: its DELETE commits on its own, and no lock or xmin
    // tells the walk about it; the whole database is read again, so the lost row is still seen
    try (TestDatabase db = server.createDatabase("outside a transaction")) {
      List<StepResult> steps = walk(db, "classpath:safety/notx", true);

      assertThat(steps.get(1).findings()).extracting(Finding::rule).contains(Rule.DATA_LOSS);
      assertThat(steps.get(1).dataDiff().table("accounts").orElseThrow().rowsLost()).isEqualTo(1);
    }
  }

  @Test
  void should_keep_every_migration_when_a_probe_of_the_checks_fails() throws Exception {
    // V4 renames enum mood to feeling: the data-changed rule reads people.m through the old type,
    // which no longer exists. That failed probe must not abort the migration's transaction (its
    // commit would then silently roll the migration back).
    try (TestDatabase db = server.createDatabase("probe")) {
      List<StepResult> steps = walk(db, "classpath:safety/tricky", false);

      assertThat(steps.get(3).findings()).extracting(Finding::rule).contains(Rule.DATA_CHANGED);
      try (Connection c = db.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT string_agg(typname, ',') FROM pg_type WHERE typtype = 'e'),"
                      + " (SELECT count(*) FROM flyway_schema_history WHERE success)")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("feeling");
        assertThat(rs.getInt(2)).isEqualTo(steps.size());
      }
    }
  }

  private static List<StepResult> walk(String location) throws Exception {
    try (TestDatabase db = server.createDatabase("incremental capture " + location)) {
      return walk(db, location, true);
    }
  }

  private static List<StepResult> walk(DataSource db, String location, boolean verify) {
    MigrationWalker walker =
        new MigrationWalker(
            db,
            FlywaySettings.ofLocations(
                List.of(location), IncrementalCaptureTest.class.getClassLoader()));
    SafetyWalk walk = SafetyWalk.bare(db, walker);
    return (verify ? walk.verifyingIncrementalCapture() : walk).walk(walker.plan());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "classpath:safety/storage",
        "classpath:safety/tricky",
        "classpath:safety/notx",
        "classpath:safety/deallocate",
        "classpath:safety/replica",
        "classpath:safety/replay-bad",
        "classpath:safety/recreate-bad",
        "classpath:safety/narrow-bad",
        "classpath:safety/retype-bad",
        "classpath:safety/retype-good",
        "classpath:safety/rpc-bad",
        "classpath:safety/drift-steps",
        "classpath:safety/replay-batch",
        "classpath:workflows/five"
      })
  void should_equal_a_full_snapshot_after_every_step(String location) throws Exception {
    List<StepResult> steps = walk(location);

    assertThat(steps).isNotEmpty().allMatch(s -> s.outcome() == StepResult.Outcome.APPLIED);
  }

  @ParameterizedTest
  @ValueSource(ints = {40})
  void should_equal_a_full_snapshot_on_a_generated_corpus(int migrations) throws Exception {
    Path dir = generated.resolve("corpus-" + migrations);
    Files.createDirectories(dir);
    for (int i = 1; i <= migrations; i++) {
      String sql =
          String.format(
              Locale.ROOT,
              "CREATE TABLE IF NOT EXISTS t%1$d (id int PRIMARY KEY, v text NOT NULL CHECK (v <> ''));"
                  + " INSERT INTO t%1$d VALUES (1, 'a'), (2, 'b') ON CONFLICT DO NOTHING;",
              i);
      if (i % 7 == 0) {
        sql +=
            String.format(
                Locale.ROOT, " UPDATE t%d SET v = v || 'x' WHERE id = 1 AND v = 'a';", i - 3);
      }
      if (i % 11 == 0) {
        sql +=
            String.format(Locale.ROOT, " ALTER TABLE t%d ALTER COLUMN v TYPE varchar(10);", i - 2);
      }
      if (i % 13 == 0) {
        sql += String.format(Locale.ROOT, " TRUNCATE t%d;", i - 4);
      }
      Files.writeString(dir.resolve("V" + i + "__step.sql"), sql);
    }

    List<StepResult> steps = walk("filesystem:" + dir);

    assertThat(steps).hasSize(migrations);
    assertThat(steps.get(12).findings()).extracting(Finding::rule).contains(Rule.DATA_LOSS);
  }
}
