package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.internal.provider.Lease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Nothing leaks: not after a passing suite, not after a failing one, not after SIGKILL. */
class LifecycleTest {

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=lifecycle")
  static class PassingTestCase {
    @Test
    void passes(MigrationRun run) {
      assertThat(run.successful()).isTrue();
    }
  }

  @MigrationTest(locations = "classpath:fixtures/slow")
  static class SlowTestCase {
    @Test
    void never_gets_here() {}
  }

  static Path dataRoot() {
    Path shm = Path.of("/dev/shm");
    return (Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm.resolve("cofferdam")
            : Path.of(System.getProperty("java.io.tmpdir"), "cofferdam"))
        .resolve("data");
  }

  static Optional<ProcessHandle> postmaster(Path dataDirectory) throws Exception {
    Path pid = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pid)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pid);
    return lines.isEmpty()
        ? Optional.empty()
        : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
  }

  /** The data directories of a run: {@code <run id>-pg<major>-<n>}. */
  static List<Path> dataDirectoriesOf(String runId) throws java.io.IOException {
    if (!Files.isDirectory(dataRoot())) {
      return List.of();
    }
    try (var dirs = Files.list(dataRoot())) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(runId + "-pg"))
          .collect(java.util.stream.Collectors.toList());
    }
  }

  @Test
  void should_leave_no_server_and_no_data_directory_after_a_passing_or_failing_suite()
      throws Exception {
    assertAllPassed(Fixtures.run(PassingTestCase.class), 1);
    assertThat(dataDirectoriesOf(Lease.current().runId())).isEmpty();

    Fixtures.run(MigrationTestExtensionTest.BrokenTestCase.class)
        .containerEvents()
        .assertStatistics(s -> s.failed(1));
    assertThat(dataDirectoriesOf(Lease.current().runId())).isEmpty();
  }

  @Test
  void should_reap_the_server_and_data_directory_of_a_killed_run() throws Exception {
    Path data;
    ProcessHandle orphan;
    try (ChildJvm child = ChildJvm.start(SlowTestCase.class, Map.of(), Map.of())) {
      String runId = child.await("lease=", 60);
      data = awaitDataDirectoryOf(runId);
      orphan = awaitMigrationRunning(data);
      child.kill();
    }
    // the killed JVM left its server running: exactly the leak the next run must clean up
    assertThat(orphan.isAlive()).isTrue();
    assertThat(data).exists();

    assertAllPassed(Fixtures.run(PassingTestCase.class), 1);

    orphan.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(orphan.isAlive()).isFalse();
    assertThat(data).doesNotExist();
  }

  private static Path awaitDataDirectoryOf(String runId) throws Exception {
    for (int i = 0; i < 600; i++) {
      List<Path> dirs = dataDirectoriesOf(runId);
      if (!dirs.isEmpty()) {
        return dirs.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no data directory of run " + runId + " appeared in " + dataRoot());
  }

  /** Waits until the child's server runs the slow migration; returns the postmaster. */
  private static ProcessHandle awaitMigrationRunning(Path data) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> postmaster = postmaster(data);
      if (postmaster.isPresent()) {
        int port =
            Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).trim());
        try (Connection c =
                DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
            Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%'"
                        + " AND pid <> pg_backend_pid()")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return postmaster.get();
          }
        } catch (java.sql.SQLException e) {
          // still starting
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the child's migration never started in " + data);
  }
}
