package io.github.cofferdam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as users run it, {@code java -jar cofferdam-cli.jar}, in a JVM of its own: the
 * engine, Flyway's plugins and the embedded PostgreSQL must all be found inside the one jar.
 * Failsafe runs it after the package phase; the jar's path is the system property {@code cli.jar}.
 */
class ShadedJarIT {

  @TempDir Path dir;

  private record Exit(int code, String out, String err) {}

  private Exit java(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("cli.jar", "target/cofferdam-cli.jar"));
    assertThat(jar).as("the shaded jar (mvn package builds it)").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // as on GitHub Actions: the Markdown report is appended to the job's summary
    builder.environment().put("GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("java -jar did not end in 5 minutes: " + command);
    }
    return new Exit(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarWalksAFolderAndExitsOneOnAFinding() throws Exception {
    CliRun.unsafeFolder(dir);

    Exit exit = java("check", "unsafe", "--format", "junit-xml");

    assertThat(exit.code()).as(exit.out() + exit.err()).isEqualTo(1);
    assertThat(exit.err())
        .containsPattern("\\[cofferdam\\] {3}V1 orders +applied +\\d+ ms  safe")
        .containsPattern("\\[cofferdam\\] {3}V2 orders total +applied +\\d+ ms  1 finding")
        .contains("cofferdam: FAILED: V2 orders total (exit code 1)");
    assertThat(exit.out())
        .startsWith("<?xml")
        .contains("<testcase name=\"V2 orders total\" classname=\"cofferdam.migrations\"");
    Path report = dir.resolve("target/cofferdam/io.github.cofferdam.cli.CofferdamCheck.md");
    assertThat(dir.resolve("summary.md"))
        .content()
        .isEqualTo(Files.readString(report) + "\n")
        .contains("- **non-idempotent** (fails): V2__orders_total.sql");
  }

  @Test
  void theJarExitsTwoOnABadArgument() throws Exception {
    Exit exit = java("check", "nope");

    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.err())
        .startsWith("cofferdam: Invalid value for parameter '<folder>': no folder nope (in ");
  }
}
