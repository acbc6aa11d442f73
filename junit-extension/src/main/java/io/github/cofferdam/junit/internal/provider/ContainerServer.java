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
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The container provider: a Testcontainers PostgreSQL container, on a bridge network with a mapped
 * port or, for engines without a bridge, with host networking on a free loopback port.
 */
final class ContainerServer implements DatabaseServer {

  static final String RUN_LABEL = "io.github.cofferdam.run";
  static final String HOST_LABEL = "io.github.cofferdam.host";

  private final PostgreSQLContainer container;
  private final String host;
  private final int port;
  private final String version;
  private final String image;

  private ContainerServer(
      PostgreSQLContainer container, String host, int port, String version, String image) {
    this.container = container;
    this.host = host;
    this.port = port;
    this.version = version;
    this.image = image;
  }

  static ContainerServer start(ServerSpec spec) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "cofferdam.provider=container needs a Docker engine, and none is reachable"
              + " (DOCKER_HOST="
              + System.getenv().getOrDefault("DOCKER_HOST", "<not set>")
              + "). Start Docker, or use the embedded provider, which needs no Docker: remove"
              + " cofferdam.provider or set cofferdam.provider=embedded.");
    }
    reapAbandoned();
    DockerImageName image =
        DockerImageName.parse(spec.image()).asCompatibleSubstituteFor("postgres");
    String password = UUID.randomUUID().toString();
    boolean hostNetwork = "host".equals(spec.network());
    int port = hostNetwork ? freeLoopbackPort() : 0;
    @SuppressWarnings("resource") // closed by close()
    PostgreSQLContainer container =
        new LoopbackPostgres(image, port)
            .withUsername("cofferdam")
            .withPassword(password)
            .withDatabaseName("postgres")
            .withLabel(RUN_LABEL, Lease.current().runId())
            .withLabel(HOST_LABEL, Lease.hostName())
            .withImagePullPolicy(name -> !presentLocally(name));
    if (hostNetwork) {
      container
          .withNetworkMode("host")
          .withEnv("PGPORT", String.valueOf(port))
          .withEnv("PG_LISTEN", "127.0.0.1")
          .withCommand(command("-c", "listen_addresses=127.0.0.1", "-c", "port=" + port));
      container.setExposedPorts(List.of());
    } else {
      container.withCommand(command());
    }
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
    String host = hostNetwork ? "127.0.0.1" : container.getHost();
    int mapped = hostNetwork ? port : container.getMappedPort(5432);
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
    return new ContainerServer(container, host, mapped, version.version(), spec.image());
  }

  /**
   * With host networking nothing is mapped: PostgreSQL listens on the chosen loopback port, and
   * Testcontainers' own start-up check must connect there.
   */
  private static final class LoopbackPostgres extends PostgreSQLContainer {
    private final int hostPort;

    LoopbackPostgres(DockerImageName image, int hostPort) {
      super(image);
      this.hostPort = hostPort;
    }

    @Override
    public String getJdbcUrl() {
      return hostPort == 0
          ? super.getJdbcUrl()
          : "jdbc:postgresql://127.0.0.1:" + hostPort + "/" + getDatabaseName();
    }

    @Override
    protected java.util.Set<Integer> getLivenessCheckPorts() {
      return hostPort == 0 ? super.getLivenessCheckPorts() : java.util.Set.of();
    }
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
    p.setProperty("user", "cofferdam");
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
    return container.getUsername();
  }

  @Override
  public String password() {
    return container.getPassword();
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
