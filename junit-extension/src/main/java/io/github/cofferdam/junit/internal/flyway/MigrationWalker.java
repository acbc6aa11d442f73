package io.github.cofferdam.junit.internal.flyway;

import io.github.cofferdam.junit.MigrationFailure;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.Scanner;

/**
 * Applies the pending migrations one at a time, in Flyway's order (versioned, then repeatable).
 *
 * <p>Flyway scans the locations once. For each step, Flyway sees the migrations already applied and
 * the one to apply, but not the ones after it: a filtering {@link ResourceProvider} and {@link
 * ClassProvider} hide them. So each {@code migrate()} applies exactly one migration, with Flyway's
 * own parser, placeholders, transaction handling and callbacks; no {@code target} is needed (a
 * target would still let every repeatable migration run after the first versioned one).
 */
public final class MigrationWalker {

  private final DataSource dataSource;
  private final FlywaySettings settings;

  /** A walker for one database. */
  public MigrationWalker(DataSource dataSource, FlywaySettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
  }

  /**
   * The migrations found and their order, before anything is applied.
   *
   * @param pending the pending migrations, in Flyway's order
   * @param resources every resource Flyway found
   * @param classes every Java migration class Flyway found
   * @param historyTable the schema history table, {@code schema.table}
   */
  public record Plan(
      List<MigrationInfo> pending,
      ResourceProvider resources,
      ClassProvider<JavaMigration> classes,
      String historyTable) {}

  /**
   * Scans the locations and lists the pending migrations in Flyway's order.
   *
   * @throws IllegalStateException when Flyway cannot read the configuration or the migrations, or
   *     finds none
   */
  public Plan plan() {
    FluentConfiguration base = settings.configure(dataSource, settings.javaMigrations());
    Scanner<JavaMigration> scanner;
    MigrationInfo[] pending;
    try {
      scanner = new Scanner<>(JavaMigration.class, base, base.getLocations());
      pending =
          settings
              .configure(dataSource, settings.javaMigrations())
              .resourceProvider(scanner)
              .javaMigrationClassProvider(scanner)
              .load()
              .info()
              .pending();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "Flyway cannot read the migrations in " + locations(base) + ": " + e.getMessage(), e);
    }
    if (pending.length == 0) {
      throw new IllegalStateException(
          "no migrations found in "
              + locations(base)
              + ". Put V<version>__<description>.sql files there, or point cofferdam.locations"
              + " (attribute locations) at them, e.g. classpath:db/migration or"
              + " filesystem:src/main/resources/db/migration.");
    }
    String schema =
        base.getDefaultSchema() != null
            ? base.getDefaultSchema()
            : base.getSchemas().length > 0 ? base.getSchemas()[0] : null;
    return new Plan(
        List.of(pending), scanner, scanner, (schema == null ? "" : schema + ".") + base.getTable());
  }

  private static String locations(FluentConfiguration c) {
    return Arrays.stream(c.getLocations())
        .map(Object::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** The text of a SQL migration, or empty for Java migrations and unreadable resources. */
  public static Optional<String> text(Plan plan, MigrationInfo migration) {
    LoadableResource resource = plan.resources().getResource(migration.getScript());
    if (resource == null) {
      return Optional.empty();
    }
    try (var reader = resource.read()) {
      StringBuilder s = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        s.append(buffer, 0, n);
      }
      return Optional.of(s.toString());
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The outcome of one {@code migrate()} call that applied (or failed to apply) one migration.
   *
   * @param migration the migration
   * @param duration how long Flyway spent in it (between its before- and after-each-migrate events)
   * @param failure why it failed, if it did
   */
  public record Applied(
      MigrationInfo migration, Duration duration, Optional<MigrationFailure> failure) {
    /** Whether it applied. */
    public boolean ok() {
      return failure.isEmpty();
    }
  }

  /**
   * Applies the {@code index}-th pending migration of the plan, with the later ones hidden, so
   * exactly it is applied. Also used for the replay, once its history row is gone.
   *
   * @param before labels of the steps applied before it, for the failure message
   * @param extra callbacks to run too (after the user's)
   */
  public Applied apply(Plan plan, int index, List<String> before, Callback... extra) {
    MigrationInfo next = plan.pending().get(index);
    // Flyway sees only this migration: the later ones must not run, and the earlier ones (already
    // applied) need not be resolved, parsed and checksummed again at every step
    Set<String> others =
        plan.pending().stream()
            .map(MigrationInfo::getScript)
            .filter(script -> !script.equals(next.getScript()))
            .collect(Collectors.toCollection(HashSet::new));
    Timer timer = new Timer();
    Callback[] callbacks = new Callback[extra.length + 1];
    callbacks[0] = timer;
    System.arraycopy(extra, 0, callbacks, 1, extra.length);
    List<JavaMigration> java =
        settings.javaMigrations().stream()
            .filter(m -> !others.contains(m.getClass().getName()))
            .collect(Collectors.toList());
    FluentConfiguration step =
        settings
            .configure(dataSource, java, callbacks)
            .validateOnMigrate(false)
            .ignoreMigrationPatterns("*:missing", "*:future")
            .resourceProvider(new Hiding(plan.resources(), others))
            .javaMigrationClassProvider(
                () ->
                    plan.classes().getClasses().stream()
                        .filter(c -> !others.contains(c.getName()))
                        .collect(Collectors.toList()));
    try {
      int executed = step.load().migrate().migrationsExecuted;
      if (executed != 1) {
        FlywayException e =
            new FlywayException(
                "Flyway applied "
                    + executed
                    + " migrations where exactly "
                    + next.getScript()
                    + " was pending; is it excluded by a Flyway setting (target, ignore"
                    + " patterns)?");
        return new Applied(next, timer.duration(), Optional.of(Failures.explain(next, e, before)));
      }
      return new Applied(next, timer.duration(), Optional.empty());
    } catch (FlywayException e) {
      return new Applied(next, timer.duration(), Optional.of(Failures.explain(next, e, before)));
    }
  }

  /**
   * Applies, in one {@code migrate()}, every pending migration of the plan up to and including
   * {@code lastIndex} (the later ones hidden), without checks: for building template databases.
   *
   * @return how many migrations Flyway applied
   * @throws IllegalStateException with the failure's full message when one fails
   */
  public int applyUpTo(Plan plan, int lastIndex) {
    Set<String> later =
        plan.pending().subList(lastIndex + 1, plan.pending().size()).stream()
            .map(MigrationInfo::getScript)
            .collect(Collectors.toCollection(HashSet::new));
    List<JavaMigration> java =
        settings.javaMigrations().stream()
            .filter(m -> !later.contains(m.getClass().getName()))
            .collect(Collectors.toList());
    try {
      return settings
          .configure(dataSource, java)
          .resourceProvider(new Hiding(plan.resources(), later))
          .javaMigrationClassProvider(
              () ->
                  plan.classes().getClasses().stream()
                      .filter(c -> !later.contains(c.getName()))
                      .collect(Collectors.toList()))
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      MigrationInfo failed =
          e instanceof org.flywaydb.core.internal.exception.FlywayMigrateException
              ? ((org.flywaydb.core.internal.exception.FlywayMigrateException) e).getMigration()
              : plan.pending().get(lastIndex);
      throw new IllegalStateException(
          Failures.explain(failed == null ? plan.pending().get(lastIndex) : failed, e, List.of())
              .report(),
          e);
    }
  }

  /** {@code V7 orders status} or {@code R order summary}. */
  public static String label(MigrationInfo m) {
    return (m.getVersion() == null ? "R" : "V" + m.getVersion().getVersion())
        + " "
        + m.getDescription();
  }

  /** Hides the resources of later migrations from Flyway. */
  private static final class Hiding implements ResourceProvider {
    private final ResourceProvider all;
    private final Set<String> hidden;

    Hiding(ResourceProvider all, Set<String> hidden) {
      this.all = all;
      this.hidden = hidden;
    }

    @Override
    public LoadableResource getResource(String name) {
      return hidden.contains(name) ? null : all.getResource(name);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return all.getResources(prefix, suffixes).stream()
          .filter(r -> !hidden.contains(r.getRelativePath()))
          .collect(Collectors.toList());
    }
  }

  /** Times the migration from inside Flyway (its before- and after-each-migrate events). */
  private static final class Timer implements Callback {
    private long started = System.nanoTime();
    private long finished;

    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      if (event == Event.BEFORE_EACH_MIGRATE) {
        started = System.nanoTime();
      } else {
        finished = System.nanoTime();
      }
    }

    Duration duration() {
      return Duration.ofNanos((finished == 0 ? System.nanoTime() : finished) - started);
    }

    @Override
    public String getCallbackName() {
      return "cofferdam-timer";
    }
  }

  static SQLException sqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        return (SQLException) c;
      }
    }
    return null;
  }
}
