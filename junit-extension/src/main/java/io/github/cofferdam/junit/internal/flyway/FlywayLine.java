package io.github.cofferdam.junit.internal.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;

/**
 * The Flyway line on the classpath (the user's build chooses it), found once, and what the walk
 * does on it: below 10 it does not start; on 10.x to 13.x (each tested) it walks with its own loop;
 * on a newer line it applies migrations through {@code flyway migrate()}, with a note.
 *
 * @param version Flyway's version as it says it, {@code 11.7.2}; {@code unknown} if unreadable
 * @param major its first number; 0 if unreadable
 * @param postgresqlVersion the version of flyway-database-postgresql; {@code null} if absent
 */
public record FlywayLine(String version, int major, String postgresqlVersion) {

  /** The oldest line Cofferdam runs on. */
  static final int OLDEST = 10;

  /** The newest line the walk's own loop is proven equal to {@code flyway migrate()} on. */
  static final int NEWEST_TESTED = 13;

  /** What Cofferdam supports, for messages. */
  static final String SUPPORTED =
      "Cofferdam supports Flyway 10.x to 13.x (flyway-core and flyway-database-postgresql of one"
          + " version; see docs/compatibility.md)";

  private static final FlywayLine CURRENT =
      of(
          read("/org/flywaydb/core/internal/version.txt", null),
          read(
              "/META-INF/maven/org.flywaydb/flyway-database-postgresql/pom.properties", "version"));

  private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

  /** The Flyway on the classpath. */
  public static FlywayLine current() {
    return CURRENT;
  }

  /** The line of a version string ({@code 11.7.2}); unreadable ones are of line 0. */
  static FlywayLine of(String version, String postgresqlVersion) {
    String v = version == null || version.isBlank() ? "unknown" : version.strip();
    return new FlywayLine(v, majorOf(v), postgresqlVersion == null ? null : postgresqlVersion);
  }

  private static int majorOf(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 || end > 4 ? 0 : Integer.parseInt(version.substring(0, end));
  }

  /**
   * Fails when Cofferdam cannot run on this Flyway: a line below 10, or flyway-database-postgresql
   * of another line than flyway-core (Flyway then fails in ways that name neither).
   *
   * @throws IllegalStateException naming the versions found and the supported range
   */
  public void requireSupported() {
    if (major != 0 && major < OLDEST) {
      throw new IllegalStateException(
          "Flyway "
              + version
              + " is on the classpath; "
              + SUPPORTED
              + ". Upgrade flyway-core (and add flyway-database-postgresql of the same version),"
              + " or let your build's BOM choose a version from 10.x on.");
    }
    if (postgresqlVersion != null && major != 0 && majorOf(postgresqlVersion) != major) {
      throw new IllegalStateException(
          "flyway-core "
              + version
              + " and flyway-database-postgresql "
              + postgresqlVersion
              + " are on the classpath; they must be of one version. Manage both with one"
              + " version (Spring Boot's BOM does), e.g. "
              + version
              + " for both.");
    }
  }

  /**
   * Whether the walk's own loop ({@link DirectMigrate}) may apply migrations on this line: it is
   * proven equal to {@code flyway migrate()} (DirectMigrateTest) on each line from 10 to 13.
   */
  boolean ownLoopProven() {
    return major >= OLDEST && major <= NEWEST_TESTED;
  }

  /** {@link #ownLoopProven()}, and the Flyway internals it reads are there. */
  boolean ownLoop() {
    return ownLoopProven() && FlywayInternals.hasExecutorInternals();
  }

  /** What the walk does differently on this line, one line each; empty on the tested lines. */
  List<String> notes() {
    return notes(FlywayInternals.hasExecutorInternals());
  }

  List<String> notes(boolean internals) {
    List<String> notes = new ArrayList<>();
    if (!ownLoopProven()) {
      notes.add(
          "Flyway "
              + version
              + " is not a line Cofferdam is tested on (10.x to 13.x): the walk applies"
              + " migrations through flyway migrate(), without its own faster loop.");
    } else if (!internals) {
      notes.add(
          "Flyway "
              + version
              + "'s SQL executor is not what Cofferdam reads: the walk applies migrations through"
              + " flyway migrate() and replays them statement by statement.");
    }
    return notes;
  }

  /** Prints the notes once per JVM, where the walk's console report goes. */
  void announce() {
    List<String> notes = notes();
    if (!notes.isEmpty() && ANNOUNCED.compareAndSet(false, true)) {
      for (String note : notes) {
        System.out.println("[cofferdam] note: " + note);
      }
    }
  }

  private static String read(String resource, String property) {
    try (InputStream in = Flyway.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      if (property == null) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(property);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
