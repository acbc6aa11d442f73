package io.github.cofferdam.junit.internal.provider;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The container provider: a PostgreSQL container, on a bridge network with a mapped port or, for
 * engines without a bridge, with host networking on a free loopback port.
 *
 * <p>It uses Testcontainers' core API only ({@code GenericContainer}, the same class and artifact,
 * {@code org.testcontainers:testcontainers}, in 1.x and 2.x), not the PostgreSQL module, whose
 * package and artifact name changed in 2.0: a project on Testcontainers 1.21 runs it with 1.21 on
 * its classpath alone.
 */
final class ContainerServer implements DatabaseServer {

  static final String RUN_LABEL = "io.github.cofferdam.run";
  static final String HOST_LABEL = "io.github.cofferdam.host";
  private static final String USER = "cofferdam";
  private static final int PORT = 5432;

  private final GenericContainer<?> container;
  private final String password;
  private final String host;
  private final int port;
  private final String version;
  private final String image;

  private ContainerServer(
      GenericContainer<?> container,
      String password,
      String host,
      int port,
      String version,
      String image) {
    this.container = container;
    this.password = password;
    this.host = host;
    this.port = port;
    this.version = version;
    this.image = image;
  }

  static ContainerServer start(ServerSpec spec) {
    requireDocker();
    reapAbandoned();
    DockerImageName image = DockerImageName.parse(spec.image());
    String password = UUID.randomUUID().toString();
    boolean hostNetwork = "host".equals(spec.network());
    int port = hostNetwork ? freeLoopbackPort() : 0;
    @SuppressWarnings("resource") // closed by close()
    GenericContainer<?> container = container(image, password, hostNetwork, port);
    startContainer(container, spec);
    String host = hostNetwork ? "127.0.0.1" : container.getHost();
    int mapped = hostNetwork ? port : container.getMappedPort(PORT);
    ServerVersion version = checkedVersion(container, host, mapped, password, spec);
    return new ContainerServer(container, password, host, mapped, version.version(), spec.image());
  }

  /** Fails with what to do when no Docker engine is reachable. */
  private static void requireDocker() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "cofferdam.provider=container needs a Docker engine, and none is reachable"
              + " (DOCKER_HOST="
              + System.getenv().getOrDefault("DOCKER_HOST", "<not set>")
              + "). Start Docker, or use the embedded provider, which needs no Docker: remove"
              + " cofferdam.provider or set cofferdam.provider=embedded.");
    }
  }

  /** The PostgreSQL container, not started: on the bridge with a mapped port, or on the host. */
  @SuppressWarnings("resource") // closed by close()
  private static GenericContainer<?> container(
      DockerImageName image, String password, boolean hostNetwork, int port) {
    GenericContainer<?> container =
        new GenericContainer<>(image)
            .withEnv("POSTGRES_USER", USER)
            .withEnv("POSTGRES_PASSWORD", password)
            .withEnv("POSTGRES_DB", "postgres")
            // like Testcontainers' PostgreSQL module: the official image's entrypoint logs this
            // once for its initdb server and once for the real one
            .waitingFor(
                Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                    .withStartupTimeout(java.time.Duration.ofSeconds(120)))
            .withLabel(RUN_LABEL, Lease.current().runId())
            .withLabel(HOST_LABEL, Lease.hostName())
            .withImagePullPolicy(name -> !presentLocally(name));
    if (hostNetwork) {
      container
          .withNetworkMode("host")
          .withEnv("PGPORT", String.valueOf(port))
          .withEnv("PG_LISTEN", "127.0.0.1")
          .withCommand(command("-c", "listen_addresses=127.0.0.1", "-c", "port=" + port));
    } else {
      container.withExposedPorts(PORT).withCommand(command());
    }
    return container;
  }

  /** Starts the container; when it does not start, closes it and says why, with the root cause. */
  private static void startContainer(GenericContainer<?> container, ServerSpec spec) {
    try {
      container.start();
    } catch (RuntimeException e) {
      container.close();
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalStateException(
          "the PostgreSQL container "
              + spec.image()
              + " did not start ("
              + e.getMessage()
              + (root == e ? "" : ": " + root)
              + "). Cofferdam never pulls an image that is present locally; if it is not, the"
              + " engine must be able to pull it. Or use cofferdam.provider=embedded.",
          e);
    }
  }

  /**
   * The server's version, which must be the one asked for; otherwise, or when the server does not
   * answer, the container is closed.
   */
  private static ServerVersion checkedVersion(
      GenericContainer<?> container, String host, int mapped, String password, ServerSpec spec) {
    ServerVersion version;
    try (Connection c =
        connect("jdbc:postgresql://" + host + ":" + mapped + "/postgres", password)) {
      version = ServerVersion.read(c);
      version.require(
          spec,
          "the image " + spec.image(),
          "Set cofferdam.container.image to an image of PostgreSQL "
              + spec.major()
              + ", or drop cofferdam.postgres.version.");
    } catch (SQLException e) {
      container.close();
      throw new IllegalStateException("the PostgreSQL container does not answer: " + e, e);
    } catch (IllegalStateException e) {
      container.close();
      throw e;
    }
    return version;
  }

  /** {@code postgres} with extra arguments and the disposable settings. */
  private static String[] command(String... extra) {
    List<String> command = new java.util.ArrayList<>(List.of("postgres"));
    command.addAll(List.of(extra));
    command.addAll(ServerVersion.disposableArguments());
    return command.toArray(String[]::new);
  }

  private static Connection connect(String url, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", password);
    return DriverManager.getConnection(url, p);
  }

  private static boolean presentLocally(DockerImageName name) {
    try {
      DockerClientFactory.lazyClient().inspectImageCmd(name.asCanonicalNameString()).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the PostgreSQL container", e);
    }
  }

  /** Removes the containers of this host's runs whose JVM has ended without cleaning up. */
  static void reapAbandoned() {
    DockerClient client = DockerClientFactory.lazyClient();
    List<Container> containers =
        client
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(HOST_LABEL, Lease.hostName()))
            .exec();
    for (Container c : containers) {
      String run = c.getLabels().get(RUN_LABEL);
      if (run != null && Lease.current().isAbandoned(run)) {
        try {
          client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
          // gone already, or the engine refused: the next run tries again
        }
        Lease.current().forget(run);
      }
    }
  }

  @Override
  public String describe() {
    return "container " + image + " (PostgreSQL " + version + ") on " + host + ":" + port;
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String maintenanceDatabase() {
    return "postgres";
  }

  @Override
  public boolean ownsServer() {
    return true;
  }

  @Override
  public void close() {
    container.close();
  }
}
