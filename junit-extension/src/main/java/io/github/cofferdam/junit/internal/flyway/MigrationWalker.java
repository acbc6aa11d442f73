package io.github.cofferdam.junit.internal.flyway;

import io.github.cofferdam.junit.MigrationFailure;
import io.github.cofferdam.junit.StepResult;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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

  /** The migrations found and their order, before anything is applied. */
  public record Plan(
      List<MigrationInfo> pending,
      ResourceProvider resources,
      ClassProvider<JavaMigration> classes) {}

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
    return new Plan(List.of(pending), scanner, scanner);
  }

  private static String locations(FluentConfiguration c) {
    return java.util.Arrays.stream(c.getLocations())
        .map(Object::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Applies every migration of the plan, stopping at the first failure. */
  public List<StepResult> walk(Plan plan) {
    List<StepResult> steps = new ArrayList<>();
    List<MigrationInfo> pending = plan.pending();
    for (int i = 0; i < pending.size(); i++) {
      MigrationInfo next = pending.get(i);
      Set<String> later =
          pending.subList(i + 1, pending.size()).stream()
              .map(MigrationInfo::getScript)
              .collect(Collectors.toCollection(HashSet::new));
      List<StepResult> applied = apply(plan, next, later, steps);
      steps.addAll(applied);
      if (applied.isEmpty()
          || applied.get(applied.size() - 1).outcome() == StepResult.Outcome.FAILED) {
        break;
      }
    }
    return List.copyOf(steps);
  }

  private List<StepResult> apply(
      Plan plan, MigrationInfo next, Set<String> later, List<StepResult> before) {
    Timer timer = new Timer();
    List<JavaMigration> java =
        settings.javaMigrations().stream()
            .filter(m -> !later.contains(m.getClass().getName()))
            .collect(Collectors.toList());
    FluentConfiguration step =
        settings
            .configure(dataSource, java, timer)
            .resourceProvider(new Hiding(plan.resources(), later))
            .javaMigrationClassProvider(
                () ->
                    plan.classes().getClasses().stream()
                        .filter(c -> !later.contains(c.getName()))
                        .collect(Collectors.toList()));
    try {
      step.load().migrate();
      List<StepResult> done = timer.applied();
      if (done.isEmpty()) {
        return List.of(
            failed(
                next,
                Duration.ZERO,
                new FlywayException(
                    "Flyway applied nothing although "
                        + next.getScript()
                        + " was pending; is it excluded by a Flyway setting (target, ignore"
                        + " patterns)?"),
                before));
      }
      return done;
    } catch (FlywayException e) {
      List<StepResult> done = new ArrayList<>(timer.applied());
      done.add(failed(next, timer.sinceStart(), e, done.isEmpty() ? before : concat(before, done)));
      return done;
    }
  }

  private static List<StepResult> concat(List<StepResult> a, List<StepResult> b) {
    List<StepResult> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static StepResult failed(
      MigrationInfo m, Duration duration, FlywayException e, List<StepResult> before) {
    MigrationFailure failure = Failures.explain(m, e, before);
    return new StepResult(
        m.getVersion() == null ? null : m.getVersion().getVersion(),
        m.getDescription(),
        m.getScript(),
        m.getChecksum(),
        m.getType().name(),
        duration,
        StepResult.Outcome.FAILED,
        Optional.of(failure));
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

  /** Times each migration from inside Flyway (before and after each migrate event). */
  private static final class Timer implements Callback {
    private final List<StepResult> applied = new ArrayList<>();
    private long started = System.nanoTime();

    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      if (event == Event.BEFORE_EACH_MIGRATE) {
        started = System.nanoTime();
        return;
      }
      MigrationInfo m = context.getMigrationInfo();
      applied.add(
          new StepResult(
              m.getVersion() == null ? null : m.getVersion().getVersion(),
              m.getDescription(),
              m.getScript(),
              m.getChecksum(),
              m.getType().name(),
              sinceStart(),
              StepResult.Outcome.APPLIED,
              Optional.empty()));
    }

    Duration sinceStart() {
      return Duration.ofNanos(System.nanoTime() - started);
    }

    List<StepResult> applied() {
      return List.copyOf(applied);
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
