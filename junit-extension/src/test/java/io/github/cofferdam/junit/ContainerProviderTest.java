package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.MigrationTestExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.DockerClientFactory;

/**
 * The container provider against a real Docker engine: in CI, the loopback-only engine of {@code
 * ../shared/ci/container-engine.sh} with its local image and host networking (no pulls, no bridge).
 */
@EnabledIfEnvironmentVariable(named = "CONTAINER_POSTGRES_IMAGE", matches = ".+")
class ContainerProviderTest {

  static Map<String, String> container() {
    return Map.of(
        MigrationTest.PROVIDER_KEY, "container",
        MigrationTest.CONTAINER_IMAGE_KEY, System.getenv("CONTAINER_POSTGRES_IMAGE"),
        MigrationTest.CONTAINER_NETWORK_KEY, "host");
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=container")
  static class ContainerTestCase {
    @Test
    void walks_in_the_container(MigrationRun run, Connection c) throws SQLException {
      assertThat(run.server())
          .startsWith("container " + System.getenv("CONTAINER_POSTGRES_IMAGE") + " (PostgreSQL 15.")
          .contains(" on 127.0.0.1:");
      assertThat(run.steps()).hasSize(3);
      assertThat(query(c, "SELECT customer FROM orders")).isEqualTo("container");
      assertThat(query(c, "SELECT current_setting('listen_addresses')")).isEqualTo("127.0.0.1");
    }
  }

  @MigrationTest(locations = "classpath:fixtures/slow", provider = MigrationTest.Provider.CONTAINER)
  static class SlowContainerTestCase {
    @Test
    void never_gets_here() {}
  }

  private static List<Container> cofferdamContainers() {
    return DockerClientFactory.lazyClient()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of("io.github.cofferdam.run"))
        .exec();
  }

  @Test
  void should_walk_in_a_host_network_container_and_remove_it_afterwards() {
    assertAllPassed(Fixtures.run(ContainerTestCase.class, container()), 1);

    assertThat(cofferdamContainers()).isEmpty();
  }

  @Test
  void should_reap_the_container_of_a_killed_run() throws Exception {
    String runId;
    try (ChildJvm child =
        ChildJvm.start(
            SlowContainerTestCase.class,
            Map.of(
                MigrationTest.CONTAINER_IMAGE_KEY,
                System.getenv("CONTAINER_POSTGRES_IMAGE"),
                MigrationTest.CONTAINER_NETWORK_KEY,
                "host"),
            Map.of())) {
      runId = child.await("lease=", 60);
      awaitContainerOf(runId);
      Thread.sleep(2000); // let the walk start
      child.kill();
    }
    assertThat(cofferdamContainers())
        .extracting(c -> c.getLabels().get("io.github.cofferdam.run"))
        .contains(runId);

    assertAllPassed(Fixtures.run(ContainerTestCase.class, container()), 1);

    assertThat(cofferdamContainers()).isEmpty();
  }

  private static void awaitContainerOf(String runId) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (cofferdamContainers().stream()
          .anyMatch(c -> runId.equals(c.getLabels().get("io.github.cofferdam.run")))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no container of run " + runId + " appeared");
  }
}
