package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.Policy;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import io.github.cofferdam.junit.internal.safety.Seeds;
import io.github.cofferdam.junit.internal.safety.Workflows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walk photographs only what each migration touched (the tables it wrote to, rewrote or
 * altered); after every step of these corpora it also takes a full snapshot and fails if the two
 * differ in anything.
 */
class IncrementalCaptureTest {

  private static ServerHandle server;

  @TempDir static Path generated;

  @BeforeAll
  static void start() {
    server =
        Providers.start(ServerSpec.embedded(Integer.getInteger("cofferdam.postgres.version", 17)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static List<StepResult> walk(String location) throws Exception {
    FlywaySettings settings =
        FlywaySettings.ofLocations(
            List.of(location), IncrementalCaptureTest.class.getClassLoader());
    try (TestDatabase db = server.createDatabase("incremental capture " + location)) {
      MigrationWalker walker = new MigrationWalker(db, settings);
      return new SafetyWalk(
              db,
              walker,
              new Policy(Map.of(), null, List.of()),
              Seeds.NONE,
              new Workflows(List.of()))
          .verifyingIncrementalCapture()
          .walk(walker.plan());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "classpath:safety/storage",
        "classpath:safety/replay-bad",
        "classpath:safety/recreate-bad",
        "classpath:safety/narrow-bad",
        "classpath:safety/retype-bad",
        "classpath:safety/retype-good",
        "classpath:safety/rpc-bad",
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
    assertThat(steps.get(12).findings()).extracting(Finding::rule).contains(Finding.DATA_LOSS);
  }
}
