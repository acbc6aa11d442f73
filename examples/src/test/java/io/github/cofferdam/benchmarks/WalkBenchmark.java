package io.github.cofferdam.benchmarks;

import io.github.cofferdam.junit.StepResult;
import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * Plain {@code flyway migrate} against Cofferdam's full safety walk (apply, replay, snapshots,
 * counts, fingerprints, checks) of the same generated corpus, on the same embedded server, each
 * into a fresh database, alternating, several runs; prints one table with medians, extremes and the
 * ratio.
 *
 * <p>Run: {@code mvn -q -pl examples -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.cofferdam.benchmarks.WalkBenchmark -Dexec.args="5 10,100,500"}
 */
public final class WalkBenchmark {

  private WalkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int[] sizes =
        Arrays.stream((args.length > 1 ? args[1] : "10,100,500").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Path root = Files.createTempDirectory("cofferdam-bench");
    List<String> rows = new ArrayList<>();
    try (ServerHandle server =
        Providers.start(
            ServerSpec.embedded(Integer.getInteger("cofferdam.postgres.version", 17)))) {
      for (int n : sizes) {
        Path corpus = Corpus.generate(root, n);
        FlywaySettings settings =
            FlywaySettings.ofLocations(
                List.of("filesystem:" + corpus), WalkBenchmark.class.getClassLoader());
        // warm-up: one of each
        plain(server, corpus);
        cofferdam(server, settings, n);
        long[] flyway = new long[runs];
        long[] walk = new long[runs];
        for (int i = 0; i < runs; i++) {
          flyway[i] = plain(server, corpus);
          walk[i] = cofferdam(server, settings, n);
        }
        rows.add(row(n, flyway, walk));
      }
    }
    System.out.println();
    System.out.println(
        "| migrations | flyway migrate median ms (min–max) | safety walk median ms (min–max) |"
            + " ratio (medians) | ratio of each pair, median (min–max) |");
    System.out.println("|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
  }

  private static long plain(ServerHandle server, Path corpus) throws Exception {
    try (TestDatabase db = server.createDatabase("benchmark flyway")) {
      long t0 = System.nanoTime();
      Flyway.configure().dataSource(db).locations("filesystem:" + corpus).load().migrate();
      return System.nanoTime() - t0;
    }
  }

  private static long cofferdam(ServerHandle server, FlywaySettings settings, int n)
      throws Exception {
    try (TestDatabase db = server.createDatabase("benchmark cofferdam")) {
      long t0 = System.nanoTime();
      MigrationWalker walker = new MigrationWalker(db, settings);
      MigrationWalker.Plan plan = walker.plan();
      List<StepResult> steps = SafetyWalk.bare(db, walker).walk(plan);
      long elapsed = System.nanoTime() - t0;
      long unsafe = steps.stream().filter(s -> !s.safe()).count();
      if (steps.size() != n || unsafe > 0) {
        throw new IllegalStateException(
            "the corpus should walk cleanly: " + steps.size() + " steps, " + unsafe + " unsafe");
      }
      return elapsed;
    }
  }

  private static String row(int n, long[] flyway, long[] walk) {
    double f = median(flyway);
    double w = median(walk);
    // each walk against the plain run just before it: the machine's speed drifts less within a
    // pair than across the whole run
    double[] pairs = new double[walk.length];
    for (int i = 0; i < walk.length; i++) {
      pairs[i] = (double) walk[i] / flyway[i];
    }
    Arrays.sort(pairs);
    return String.format(
        Locale.ROOT,
        "| %d | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f) | %.2f× | %.2f× (%.2f–%.2f) |",
        n,
        f,
        min(flyway),
        max(flyway),
        w,
        min(walk),
        max(walk),
        w / f,
        pairs[pairs.length / 2],
        pairs[0],
        pairs[pairs.length - 1]);
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }

  private static double min(long[] nanos) {
    return Arrays.stream(nanos).min().orElse(0) / 1e6;
  }

  private static double max(long[] nanos) {
    return Arrays.stream(nanos).max().orElse(0) / 1e6;
  }
}
