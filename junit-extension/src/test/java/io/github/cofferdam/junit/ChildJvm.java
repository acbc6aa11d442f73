package io.github.cofferdam.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.cofferdam.junit.internal.provider.Lease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A fixture class run in a JVM of its own, so that a test can kill it (SIGKILL) or give it another
 * environment. The child prints {@code lease=<run id>} first, then one line per failure.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<read failed: " + e + ">");
              }
            },
            "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Class<?> fixture, Map<String, String> properties, Map<String, String> env)
      throws IOException {
    return start(fixture, System.getProperty("java.class.path"), properties, env);
  }

  /** A child on another classpath (another Flyway, say). */
  static ChildJvm start(
      Class<?> fixture, String classPath, Map<String, String> properties, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath);
    // the child runs like this JVM (same PostgreSQL version, say) unless told otherwise
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("cofferdam.") && !properties.containsKey(name)) {
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add(ChildJvm.class.getName());
    command.add(fixture.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return new ChildJvm(builder.start());
  }

  /** Waits for a line that starts with the prefix and returns the rest of it. */
  String await(String prefix, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        all.add(line);
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length());
        }
      }
    }
    throw new AssertionError(
        "the child JVM never printed '" + prefix + "'; it printed:\n" + output());
  }

  /** Waits for the child to exit and returns everything it printed. */
  String finish(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not finish; it printed:\n" + output());
    }
    Thread.sleep(200);
    lines.drainTo(all);
    return output();
  }

  /** SIGKILL: no shutdown hook, no store closing, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  private String output() {
    lines.drainTo(all);
    return String.join("\n", all);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The child's entry point. */
  public static void main(String[] args) throws Exception {
    System.out.println("lease=" + Lease.current().runId());
    System.out.flush();
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(Class.forName(args[0])))
            .execute();
    results
        .allEvents()
        .failed()
        .list()
        .forEach(
            e ->
                e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .ifPresent(
                        t -> System.out.println("failure=" + t.getMessage().replace('\n', '|'))));
    System.out.println("done=" + results.allEvents().failed().count());
  }
}
