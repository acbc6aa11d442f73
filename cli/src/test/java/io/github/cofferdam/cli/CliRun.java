package io.github.cofferdam.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One run of the command line in this JVM: its exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, args);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Writes a migration file (and its folders). */
  static Path write(Path folder, String name, String sql) {
    try {
      Path file = folder.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, sql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Two migrations that are safe: each can run twice and loses nothing. */
  static Path safeFolder(Path dir) {
    Path folder = dir.resolve("safe");
    write(folder, "V1__orders.sql", "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n");
    write(
        folder, "V2__orders_total.sql", "ALTER TABLE orders ADD COLUMN IF NOT EXISTS total int;\n");
    return folder;
  }

  /** The second migration fails when applied twice. */
  static Path unsafeFolder(Path dir) {
    Path folder = dir.resolve("unsafe");
    write(folder, "V1__orders.sql", "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n");
    write(folder, "V2__orders_total.sql", "ALTER TABLE orders ADD COLUMN total int;\n");
    return folder;
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
