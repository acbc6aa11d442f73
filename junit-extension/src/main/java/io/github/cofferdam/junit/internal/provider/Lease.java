package io.github.cofferdam.junit.internal.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This JVM's lease: a random run id and a lock file held for the JVM's lifetime. Anything Cofferdam
 * starts or creates is tagged with the run id; a later run that can take the lock of a run id knows
 * its JVM is gone (even after SIGKILL) and reaps what it left behind.
 */
public final class Lease {

  private static final Lease CURRENT = acquire();

  private final String runId;
  private final Path directory;

  private Lease(String runId, Path directory) {
    this.runId = runId;
    this.directory = directory;
  }

  /** The lease of this JVM. */
  public static Lease current() {
    return CURRENT;
  }

  /** Eight lowercase hex digits, unique per JVM. */
  public String runId() {
    return runId;
  }

  /** The host name labels carry, so that reapers never touch another machine's leftovers. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /**
   * Whether the run that owns {@code runId} has ended: its lock file is gone or can be locked. The
   * current run is never abandoned.
   */
  public boolean isAbandoned(String otherRunId) {
    if (runId.equals(otherRunId)) {
      return false;
    }
    Path file = directory.resolve(otherRunId + ".lock");
    if (!Files.exists(file)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock other = channel.tryLock();
      if (other == null) {
        return false;
      }
      other.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes the lock file of an abandoned run. */
  public void forget(String otherRunId) {
    if (!runId.equals(otherRunId)) {
      try {
        Files.deleteIfExists(directory.resolve(otherRunId + ".lock"));
      } catch (IOException e) {
        // a leftover lock file is harmless: the next run tries again
      }
    }
  }

  private static Lease acquire() {
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "cofferdam", "leases");
    try {
      Files.createDirectories(directory);
      byte[] bytes = new byte[4];
      new SecureRandom().nextBytes(bytes);
      String runId = HexFormat.of().formatHex(bytes);
      Path file = directory.resolve(runId + ".lock");
      @SuppressWarnings("resource") // held, deliberately, until the JVM exits
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      lock.release();
                      channel.close();
                      Files.deleteIfExists(file);
                    } catch (IOException e) {
                      // the next run reaps it
                    }
                  },
                  "cofferdam-lease"));
      return new Lease(runId, directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cofferdam cannot create its lease file in " + directory, e);
    }
  }
}
