package io.github.cofferdam.cli;

import java.io.PrintStream;

/**
 * The command line: {@code java -jar cofferdam-cli.jar check <folder> [options]} runs the safety
 * walk of {@code @MigrationTest} on a folder of migrations and exits with {@value #SAFE} when every
 * migration is safe, {@value #FINDINGS} when a migration fails or has a finding that fails, and
 * {@value #USAGE} on a usage or setup error. See docs/cli.md.
 *
 * @since 0.1.0
 */
public final class Main {

  /** Exit code: every migration applied, no finding that fails. */
  public static final int SAFE = 0;

  /** Exit code: a migration failed, or has a finding that fails (or a workflow broke, or drift). */
  public static final int FINDINGS = 1;

  /**
   * Exit code: bad arguments or a setup error (folder, key value, provider); nothing was judged.
   */
  public static final int USAGE = 2;

  private Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the arguments, for example {@code check supabase --source supabase}
   */
  public static void main(String... args) {
    int code = run(args);
    System.out.flush();
    System.err.flush();
    // the one place that ends the JVM: a command line's exit code is its result
    Runtime.getRuntime().exit(code);
  }

  /**
   * Runs the command line in this JVM, writing to {@code System.out} and {@code System.err}.
   *
   * @param args the arguments, as for {@link #main}
   * @return the exit code: {@link #SAFE}, {@link #FINDINGS} or {@link #USAGE}
   */
  public static int run(String... args) {
    return run(System.out, System.err, args);
  }

  /** Runs the command line with the given streams (one run at a time per JVM: see Check). */
  static int run(PrintStream out, PrintStream err, String... args) {
    try {
      return new Cli(out, err).run(args);
    } catch (RuntimeException | LinkageError e) {
      // never the JVM's exit code 1 for a crash: that would read as "findings"
      err.println("cofferdam: the check could not run: " + e);
      e.printStackTrace(err);
      return USAGE;
    }
  }
}
