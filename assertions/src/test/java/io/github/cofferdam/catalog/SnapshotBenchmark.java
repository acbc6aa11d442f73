package io.github.cofferdam.catalog;

import io.github.cofferdam.testing.Postgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long a snapshot takes, by schema size: prints a table (median, min, max of several runs). Run
 * with {@code mvn -q -pl assertions test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.cofferdam.catalog.SnapshotBenchmark}.
 */
public final class SnapshotBenchmark {

  private SnapshotBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int[] sizes = {100, 500, 2000};
    List<String> rows = new ArrayList<>();
    for (int n : sizes) {
      String db = Postgres.createDatabase();
      try (Connection c = Postgres.connect(db)) {
        LargeSchemaTest.createTables(c, n);
        CatalogSnapshot.capture(c); // warm up
        long[] catalog = new long[runs];
        long[] withData = new long[runs];
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          CatalogSnapshot.capture(c, SnapshotOptions.defaults().withoutData());
          long t1 = System.nanoTime();
          CatalogSnapshot.capture(c);
          long t2 = System.nanoTime();
          catalog[i] = t1 - t0;
          withData[i] = t2 - t1;
        }
        rows.add(row(n, "catalog only", catalog));
        rows.add(row(n, "catalog + data", withData));
      } finally {
        Postgres.dropDatabase(db);
      }
    }
    System.out.println(
        "| tables | snapshot | median ms | min ms | max ms | ms per table (median) |");
    System.out.println("|---:|---|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
  }

  private static String row(int tables, String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2] / 1e6;
    return String.format(
        Locale.ROOT,
        "| %d | %s | %.1f | %.1f | %.1f | %.3f |",
        tables,
        what,
        median,
        sorted[0] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        median / tables);
  }
}
