package io.github.cofferdam.benchmarks;

import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.catalog.internal.TrackedSnapshot;
import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Where the CPU goes, per migration step, in plain {@code flyway migrate} and in Cofferdam's safety
 * walk (same generated corpus, same embedded server, alternating); then what one incremental
 * catalog read costs the server against what {@code pg_stat_statements} counts of it.
 *
 * <p>Table 1, per step: wall time; the CPU of the thread that runs the walk; of the JVM's other
 * threads (the JIT compiler, the collector); of the server processes ({@code utime + stime} from
 * {@code /proc/<pid>/stat}, sampled every 10 ms by a thread, since a backend exits with its
 * connection), and of that the kernel's share; the machine's busy time ({@code /proc/stat}).
 *
 * <p>Table 2, on a second embedded server started with {@code pg_stat_statements}: a 500-table
 * catalog, one table and one function read again many times inside a transaction (the walk's
 * refresh), then each of its prepared catalog statements alone, then ten {@code SELECT 1} in one
 * round trip: the server's CPU per call against the planning and execution time that {@code
 * pg_stat_statements} records.
 *
 * <p>Run: {@code mvn -q -pl examples test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.cofferdam.benchmarks.CpuBenchmark -Dexec.args="3 500 2000"}
 */
public final class CpuBenchmark {

  private CpuBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int reads = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Path root = Files.createTempDirectory("cofferdam-cpu");
    Path corpus = Corpus.generate(root, n);
    List<String> rows = new ArrayList<>();
    try (ServerHandle server =
        Providers.start(
            ServerSpec.embedded(Integer.getInteger("cofferdam.postgres.version", 17)))) {
      FlywaySettings settings =
          FlywaySettings.ofLocations(
              List.of("filesystem:" + corpus), CpuBenchmark.class.getClassLoader());
      measure(server, corpus, settings, n, false); // warm-up
      measure(server, corpus, settings, n, true);
      double[][] plain = new double[runs][];
      double[][] walk = new double[runs][];
      for (int i = 0; i < runs; i++) {
        plain[i] = measure(server, corpus, settings, n, false);
        walk[i] = measure(server, corpus, settings, n, true);
      }
      rows.add(row("plain flyway migrate", plain));
      rows.add(row("safety walk", walk));
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%d migrations, median of %d runs, ms per step%n%n", n, runs);
    System.out.println(
        "| side | wall | walk thread CPU | other JVM threads | server CPU | of which kernel |"
            + " machine busy (2 cores) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.println();
    catalogReads(corpus, reads);
  }

  /** wall, walk thread, other JVM threads, server, server kernel, machine busy: ms per step. */
  private static double[] measure(
      ServerHandle server, Path corpus, FlywaySettings settings, int n, boolean walk)
      throws Exception {
    try (TestDatabase db = server.createDatabase("cpu benchmark")) {
      var threads = ManagementFactory.getThreadMXBean();
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long[] machine0 = machine();
      try (ServerSampler sampler = new ServerSampler()) {
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        if (walk) {
          MigrationWalker walker = new MigrationWalker(db, settings);
          List<StepResult> steps = SafetyWalk.bare(db, walker).walk(walker.plan());
          if (steps.size() != n || steps.stream().anyMatch(s -> !s.safe())) {
            throw new IllegalStateException("the corpus should walk cleanly");
          }
        } else {
          Flyway.configure().dataSource(db).locations("filesystem:" + corpus).load().migrate();
        }
        long wall = System.nanoTime() - t0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        long process = os.getProcessCpuTime() - process0;
        sampler.stop();
        long[] machine1 = machine();
        double ticks = 1000.0 / 100; // USER_HZ: 100 ticks per second
        return new double[] {
          wall / 1e6 / n,
          thread / 1e6 / n,
          (process - thread) / 1e6 / n,
          sampler.total() * ticks / n,
          sampler.kernel() * ticks / n,
          (machine1[0] - machine0[0]) * ticks / n
        };
      }
    }
  }

  private static String row(String side, double[][] runs) {
    StringBuilder out = new StringBuilder("| " + side + " |");
    for (int k = 0; k < runs[0].length; k++) {
      double[] values = new double[runs.length];
      for (int i = 0; i < runs.length; i++) {
        values[i] = runs[i][k];
      }
      Arrays.sort(values);
      out.append(String.format(Locale.ROOT, " %.2f |", values[values.length / 2]));
    }
    return out.toString();
  }

  /** The machine's busy time in ticks, from the first line of {@code /proc/stat}. */
  private static long[] machine() throws Exception {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
    long busy = 0;
    for (int i = 1; i <= 8 && i < cpu.length; i++) {
      if (i != 4 && i != 5) { // idle, iowait
        busy += Long.parseLong(cpu[i]);
      }
    }
    return new long[] {busy};
  }

  /**
   * CPU ticks of every {@code postgres} process, sampled every 10 ms: a process seen first during
   * the run counts whole, one seen before counts from the first sample.
   */
  private static final class ServerSampler implements AutoCloseable {
    private final Map<Long, long[]> first = new ConcurrentHashMap<>();
    private final Map<Long, long[]> last = new ConcurrentHashMap<>();
    private final Set<Long> before = ConcurrentHashMap.newKeySet();

    /** Processes that are not PostgreSQL's, so that a sample reads only the server's. */
    private final Set<Long> others = ConcurrentHashMap.newKeySet();

    private volatile boolean running = true;
    private final Thread thread;

    ServerSampler() {
      sample(true);
      thread =
          new Thread(
              () -> {
                while (running) {
                  sample(false);
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "cofferdam-cpu-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void sample(boolean initial) {
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"))) {
        for (Path p : procs) {
          String name = p.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) {
            continue;
          }
          long pid = Long.parseLong(name);
          if (others.contains(pid)) {
            continue;
          }
          try {
            if (!first.containsKey(pid)
                && !Files.readString(p.resolve("comm")).startsWith("postgres")) {
              others.add(pid);
              continue;
            }
            String stat = Files.readString(p.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long[] ticks = {Long.parseLong(f[11]), Long.parseLong(f[12])}; // utime, stime
            if (initial) {
              before.add(pid);
              first.put(pid, ticks);
            } else {
              first.putIfAbsent(pid, before.contains(pid) ? ticks : new long[] {0, 0});
            }
            last.put(pid, ticks);
          } catch (java.io.IOException | RuntimeException gone) {
            // the process ended between the listing and the reading
          }
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read /proc: " + e, e);
      }
    }

    void stop() {
      running = false;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sample(false);
    }

    long total() {
      return last.entrySet().stream()
          .mapToLong(
              e ->
                  e.getValue()[0]
                      + e.getValue()[1]
                      - first.get(e.getKey())[0]
                      - first.get(e.getKey())[1])
          .sum();
    }

    long kernel() {
      return last.entrySet().stream()
          .mapToLong(e -> e.getValue()[1] - first.get(e.getKey())[1])
          .sum();
    }

    @Override
    public void close() {
      running = false;
    }
  }

  // --- table 2: one incremental catalog read, server CPU against pg_stat_statements -----------

  private static void catalogReads(Path corpus, int reads) throws Exception {
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all")
            .setServerConfig("pg_stat_statements.track_planning", "on")
            .start()) {
      DataSource ds = pg.getPostgresDatabase();
      Flyway.configure().dataSource(ds).locations("filesystem:" + corpus).load().migrate();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        long pid = longs(s, "SELECT pg_backend_pid()")[0];
        long[] oids =
            longs(
                s,
                "SELECT c.oid, p.oid FROM pg_class c, pg_proc p"
                    + " WHERE c.relname = 't1' AND p.proname = 't1_list'");
        TrackedSnapshot snapshot = TrackedSnapshot.capture(c, SnapshotOptions.defaults());
        c.setAutoCommit(false);
        TrackedSnapshot.Changes one =
            new TrackedSnapshot.Changes(
                Set.of(oids[0]),
                Set.of(),
                Set.of(oids[1]),
                Set.of(),
                Set.of(),
                Set.of(new QualifiedName("public", "t1")),
                false,
                Map.of());
        for (int i = 0; i < 200; i++) {
          snapshot.refresh(c, one); // warm-up: statements prepared, plans made
        }
        System.out.printf(
            Locale.ROOT,
            "one table and one function read again, %d times, on a %d-migration catalog%n%n",
            reads,
            longs(s, "SELECT count(*) FROM pg_class WHERE relname ~ '^t[0-9]+$'")[0]);
        System.out.println(
            "| what | calls | server CPU µs per call | pg_stat_statements µs per call |");
        System.out.println("|---|---:|---:|---:|");
        reset(s);
        long cpu0 = cpu(pid);
        for (int i = 0; i < reads; i++) {
          snapshot.refresh(c, one);
        }
        printRow("the whole read (one round trip)", reads, cpu(pid) - cpu0, statementTime(s));
        List<String[]> prepared = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT name, (SELECT string_agg(DISTINCT m[1], ', ') FROM regexp_matches(statement,"
                    + " '(pg_[a-z_]+)\\M(?!\\()', 'g') m)"
                    + " FROM pg_prepared_statements WHERE name LIKE 'cofferdam%' ORDER BY 2, 1")) {
          while (rs.next()) {
            prepared.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
        for (String[] statement : prepared) {
          reset(s);
          cpu0 = cpu(pid);
          for (int i = 0; i < reads; i++) {
            s.execute("EXECUTE " + statement[0]);
          }
          printRow(
              "one catalog query alone (" + statement[1] + ")",
              reads,
              cpu(pid) - cpu0,
              statementTime(s));
        }
        reset(s);
        cpu0 = cpu(pid);
        for (int i = 0; i < reads; i++) {
          s.execute(String.join("; ", java.util.Collections.nCopies(10, "SELECT 1")));
        }
        printRow("ten SELECT 1 in one round trip", reads, cpu(pid) - cpu0, statementTime(s));
        c.rollback();
      }
    }
  }

  private static void printRow(String what, int calls, long ticks, double statementMs) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.0f | %.0f |%n",
        what.replace("|", "\\|"),
        calls,
        ticks * 10_000.0 / calls,
        statementMs * 1000 / calls);
  }

  private static void reset(Statement s) throws SQLException {
    s.execute("SELECT pg_stat_statements_reset()");
  }

  /** Planning and execution time recorded since the last reset, without the reset itself. */
  private static double statementTime(Statement s) throws SQLException {
    return number(
        s,
        "SELECT coalesce(sum(total_exec_time + total_plan_time), 0) FROM pg_stat_statements"
            + " WHERE query NOT LIKE '%pg_stat_statements%'");
  }

  private static double number(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private static long[] longs(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long[] out = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getLong(i + 1);
      }
      return out;
    }
  }

  /** A process's CPU ticks (user + system). */
  private static long cpu(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
