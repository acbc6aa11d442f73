package io.github.cofferdam.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.MigrationTest;
import io.github.cofferdam.junit.Migrator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The performance targets P2–P4, measured through the JUnit engine as a user's suite would run:
 *
 * <ul>
 *   <li>P2: the 2nd and later test classes with the same migrations (100 here) get a fully migrated
 *       database from a template clone; against a new database + {@code flyway migrate} per class,
 *       the common hand-written pattern;
 *   <li>P3: {@code Migrator.migrateTo(v)} for a version whose template exists;
 *   <li>P4: from JVM start to the first test body of a 10-migration suite, in a fresh JVM, binaries
 *       cached.
 * </ul>
 *
 * <p>Run: {@code mvn -q -pl examples -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.cofferdam.benchmarks.ContractBenchmark}
 */
public final class ContractBenchmark {

  static final List<Long> CLASS_NANOS = new CopyOnWriteArrayList<>();
  static final List<Long> MIGRATE_TO_NANOS = new CopyOnWriteArrayList<>();

  private ContractBenchmark() {}

  /** Six classes with the same migrations: the first walks, the others should clone. */
  @MigrationTest
  public static class SameMigrations1 {
    @Test
    void record(MigrationRun run) {
      CLASS_NANOS.add(run.duration().toNanos());
    }
  }

  /** See {@link SameMigrations1}. */
  public static class SameMigrations2 extends SameMigrations1 {}

  /** See {@link SameMigrations1}. */
  public static class SameMigrations3 extends SameMigrations1 {}

  /** See {@link SameMigrations1}. */
  public static class SameMigrations4 extends SameMigrations1 {}

  /** See {@link SameMigrations1}. */
  public static class SameMigrations5 extends SameMigrations1 {}

  /** See {@link SameMigrations1}. */
  public static class SameMigrations6 extends SameMigrations1 {}

  /** {@code migrateTo} the middle version, repeatedly: a template build, then clones. */
  @MigrationTest
  public static class MigrateTo {
    @RepeatedTest(8)
    void migrateTo(Migrator migrator) {
      long t0 = System.nanoTime();
      migrator.migrateTo(System.getProperty("bench.version"));
      MIGRATE_TO_NANOS.add(System.nanoTime() - t0);
    }
  }

  /** The first test body of a small suite, in a fresh JVM: prints the JVM's uptime. */
  @MigrationTest
  public static class FirstTestBody {
    @Test
    void uptime(MigrationRun run) {
      System.out.println("uptime-ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      System.setProperty(MigrationTest.LOCATIONS_KEY, args[1]);
      EngineTestKit.engine("junit-jupiter").selectors(selectClass(FirstTestBody.class)).execute();
      return;
    }
    Path root = Files.createTempDirectory("cofferdam-contract");
    Path corpus100 = Corpus.generate(root, 100);
    Path corpus10 = Corpus.generate(root, 10);
    List<String> rows = new ArrayList<>();

    // P2
    System.setProperty(MigrationTest.LOCATIONS_KEY, "filesystem:" + corpus100);
    ClassSelector[] classes = {
      selectClass(SameMigrations1.class),
      selectClass(SameMigrations2.class),
      selectClass(SameMigrations3.class),
      selectClass(SameMigrations4.class),
      selectClass(SameMigrations5.class),
      selectClass(SameMigrations6.class)
    };
    EngineTestKit.engine("junit-jupiter").selectors(classes).execute();
    long[] later = CLASS_NANOS.subList(1, CLASS_NANOS.size()).stream().mapToLong(x -> x).toArray();
    long[] handWritten = new long[5];
    try (var pg =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start()) {
      for (int i = 0; i < handWritten.length; i++) {
        String db = "hand_" + i;
        long t0 = System.nanoTime();
        try (var c = pg.getPostgresDatabase().getConnection();
            var s = c.createStatement()) {
          s.execute("CREATE DATABASE " + db);
        }
        Flyway.configure()
            .dataSource(pg.getDatabase("postgres", db))
            .locations("filesystem:" + corpus100)
            .load()
            .migrate();
        handWritten[i] = System.nanoTime() - t0;
      }
    }
    rows.add(
        row(
            "P2 2nd+ class, 100 migrations: fresh migrated database",
            later,
            "≤ 60 ms",
            "new database + flyway migrate per class: " + ms(median(handWritten)) + " ms"));

    // P3
    System.setProperty("bench.version", "50");
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(MigrateTo.class)).execute();
    long[] cached =
        MIGRATE_TO_NANOS.subList(1, MIGRATE_TO_NANOS.size()).stream().mapToLong(x -> x).toArray();
    rows.add(
        row(
            "P3 Migrator.migrateTo(\"50\") of 100, template cached",
            cached,
            "≤ 100 ms",
            "first call (builds the template): " + ms(MIGRATE_TO_NANOS.get(0)) + " ms"));

    // P4
    long[] uptimes = new long[5];
    for (int i = 0; i < uptimes.length; i++) {
      uptimes[i] = childUptimeMillis("filesystem:" + corpus10) * 1_000_000L;
    }
    rows.add(
        row(
            "P4 JVM start → first test body, 10 migrations",
            uptimes,
            "≤ 2,500 ms",
            "fresh JVM each run, embedded binaries cached"));

    System.out.println();
    System.out.println("| target | median ms | min–max ms | goal | for comparison |");
    System.out.println("|---|---:|---:|---|---|");
    rows.forEach(System.out::println);
  }

  private static long childUptimeMillis(String location) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            ContractBenchmark.class.getName(),
            "child",
            location);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    long uptime = -1;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("uptime-ms=")) {
          uptime = Long.parseLong(line.substring("uptime-ms=".length()));
        }
      }
    }
    p.waitFor();
    if (uptime < 0) {
      throw new IllegalStateException("the child JVM never reached its first test body");
    }
    return uptime;
  }

  private static String row(String what, long[] nanos, String goal, String comparison) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s–%s | %s | %s |",
        what,
        ms(s[s.length / 2]),
        ms(s[0]),
        ms(s[s.length - 1]),
        goal,
        comparison);
  }

  private static long median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.0f", nanos / 1e6);
  }
}
