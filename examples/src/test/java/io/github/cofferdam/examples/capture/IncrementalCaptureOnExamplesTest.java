package io.github.cofferdam.examples.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safety walk reads again only what each migration touched; on every example's migrations it
 * also takes a full snapshot after each step (and after each replay) and fails if the snapshots, or
 * their schema diffs, differ in anything. Not an example to copy: a test of Cofferdam itself, kept
 * here because these are the migrations users look at.
 */
class IncrementalCaptureOnExamplesTest {

  private static ServerHandle server;

  @BeforeAll
  static void start() {
    server =
        Providers.start(ServerSpec.embedded(Integer.getInteger("cofferdam.postgres.version", 17)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "classpath:db/migration",
        "classpath:db/person",
        "classpath:incidents/accounts-recreated/broken",
        "classpath:incidents/accounts-recreated/fixed",
        "classpath:incidents/check-narrowed/broken",
        "classpath:incidents/check-narrowed/fixed",
        "classpath:incidents/null-slugs/broken",
        "classpath:incidents/null-slugs/fixed",
        "classpath:incidents/orders-locked/broken",
        "classpath:incidents/rerun/broken",
        "classpath:incidents/rerun/fixed",
        "classpath:incidents/rpc-drift/drifted",
        "classpath:incidents/rpc-drift/fixed"
      })
  void should_find_exactly_what_a_full_snapshot_finds(String location) throws Exception {
    FlywaySettings settings =
        FlywaySettings.ofLocations(
            List.of(location), IncrementalCaptureOnExamplesTest.class.getClassLoader());
    try (TestDatabase db = server.createDatabase("capture " + location)) {
      MigrationWalker walker = new MigrationWalker(db, settings);
      MigrationWalker.Plan plan = walker.plan();

      List<StepResult> steps = SafetyWalk.bare(db, walker).verifyingIncrementalCapture().walk(plan);

      assertThat(steps).hasSize(plan.pending().size());
    }
  }
}
