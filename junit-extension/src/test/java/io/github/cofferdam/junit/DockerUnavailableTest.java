package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Asking for containers where no Docker engine answers fails with the way back to embedded. */
class DockerUnavailableTest {

  @Test
  void should_say_docker_is_missing_and_how_to_switch_to_embedded() throws Exception {
    String output;
    try (ChildJvm child =
        ChildJvm.start(
            ContainerProviderTest.ContainerTestCase.class,
            Map.of(MigrationTest.PROVIDER_KEY, "container"),
            Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"))) {
      output = child.finish(120);
    }

    assertThat(output)
        .contains(
            "failure=Cofferdam cannot provide PostgreSQL with provider container:"
                + " cofferdam.provider=container needs a Docker engine, and none is reachable"
                + " (DOCKER_HOST=unix:///nonexistent/docker.sock). Start Docker, or use the embedded"
                + " provider, which needs no Docker: remove cofferdam.provider or set"
                + " cofferdam.provider=embedded.");
  }
}
