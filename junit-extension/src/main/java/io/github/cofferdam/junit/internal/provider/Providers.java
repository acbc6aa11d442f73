package io.github.cofferdam.junit.internal.provider;

/** Starts the server a {@link ServerSpec} asks for. */
public final class Providers {

  private Providers() {}

  /**
   * Starts (or, for the external provider, connects to) a server and reaps what killed runs left
   * behind on it.
   *
   * @throws IllegalStateException with a message naming the cause and the fix
   */
  public static ServerHandle start(ServerSpec spec) {
    DatabaseServer server;
    switch (spec.provider()) {
      case "container":
        requireTestcontainers();
        server = ContainerServer.start(spec);
        break;
      case "external":
        server = ExternalServer.start(spec);
        break;
      default:
        server = EmbeddedServer.start(spec);
        break;
    }
    return ServerHandle.open(server);
  }

  private static void requireTestcontainers() {
    try {
      Class.forName(
          "org.testcontainers.containers.GenericContainer",
          false,
          Providers.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "cofferdam.provider=container needs Testcontainers on the test classpath: add"
              + " org.testcontainers:testcontainers (1.21 or 2.x; its PostgreSQL module brings it"
              + " too) as a test dependency, or use"
              + " cofferdam.provider=embedded, which needs no Docker.");
    }
  }
}
