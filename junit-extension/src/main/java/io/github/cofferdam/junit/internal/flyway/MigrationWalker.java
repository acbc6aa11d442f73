package io.github.cofferdam.junit.internal.flyway;

import io.github.cofferdam.junit.MigrationFailure;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

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
  private final boolean flywayLoop;

  /** A walker for one database. */
  public MigrationWalker(DataSource dataSource, FlywaySettings settings) {
    this(dataSource, settings, false);
  }

  private MigrationWalker(DataSource dataSource, FlywaySettings settings, boolean flywayLoop) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.flywayLoop = flywayLoop;
  }

  /**
   * The same walker, but {@link #migrateAll} always goes through {@code flyway migrate()}: for
   * comparing the walk's own loop with Flyway's.
   */
  public MigrationWalker throughFlywayMigrate() {
    return new MigrationWalker(dataSource, settings, true);
  }

  /**
   * The migrations found and their order, before anything is applied.
   *
   * @param pending the pending migrations, in Flyway's order
   * @param resources every resource Flyway found
   * @param classes every Java migration class Flyway found
   * @param historyTable the schema history table, {@code schema.table}
   * @param scripts the pending migrations' scripts, read and parsed once
   */
  public record Plan(
      List<MigrationInfo> pending,
      ResourceProvider resources,
      ClassProvider<JavaMigration> classes,
      String historyTable,
      Scripts scripts) {}

  /**
   * Scans the locations and lists the pending migrations in Flyway's order.
   *
   * @throws IllegalStateException when Flyway cannot read the configuration or the migrations, or
   *     finds none, or is of a line Cofferdam does not support ({@link FlywayLine})
   */
  public Plan plan() {
    FlywayLine.current().requireSupported();
    FlywayLine.current().announce();
    FluentConfiguration base = settings.configure(dataSource, settings.javaMigrations());
    FlywayInternals.Scan scan;
    MigrationInfo[] pending;
    try {
      scan =
          SourceFiles.FLYWAY.equals(settings.source())
              ? FlywayInternals.scan(base)
              : new FlywayInternals.Scan(
                  SourceFiles.provider(settings.source(), settings.locations()), List::of);
      pending =
          settings
              .configure(dataSource, settings.javaMigrations())
              .resourceProvider(scan.resources())
              .javaMigrationClassProvider(scan.classes())
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
    List<MigrationInfo> migrations = List.of(pending);
    return new Plan(
        migrations,
        scan.resources(),
        scan.classes(),
        (schema == null ? "" : schema + ".") + base.getTable(),
        new Scripts(scan.resources(), migrations));
  }

  private static String locations(FluentConfiguration c) {
    return Arrays.stream(c.getLocations())
        .map(Object::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Whether the locations hold a SQL callback ({@code afterEachMigrate.sql}, {@code
   * beforeEachMigrate__seed.sql}, ...) for one of these events, or for any event when none is
   * given.
   */
  public static boolean hasSqlCallback(
      Plan plan, org.flywaydb.core.api.configuration.Configuration configuration, Event... events) {
    List<Event> wanted = events.length == 0 ? List.of(Event.values()) : List.of(events);
    for (LoadableResource r :
        plan.resources().getResources("", configuration.getSqlMigrationSuffixes())) {
      String name = r.getFilename();
      for (Event event : wanted) {
        if (!name.startsWith(event.getId())) {
          continue;
        }
        String rest = name.substring(event.getId().length());
        if (rest.startsWith(configuration.getSqlMigrationSeparator())
            || java.util.Arrays.asList(configuration.getSqlMigrationSuffixes()).contains(rest)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a text holds one of the words, in any case (comments too; no copy of the text). */
  public static boolean mentions(String text, String... words) {
    for (String word : words) {
      char first = Character.toLowerCase(word.charAt(0));
      for (int i = 0; i + word.length() <= text.length(); i++) {
        if (Character.toLowerCase(text.charAt(i)) == first
            && text.regionMatches(true, i, word, 0, word.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A migration that failed to apply.
   *
   * @param migration the migration
   * @param error what Flyway threw
   */
  public record Failed(MigrationInfo migration, FlywayException error) {}

  /**
   * Applies the first {@code count} pending migrations of the plan in one {@code migrate()}, the
   * later ones hidden, with an observer called around each migration (after the user's callbacks)
   * inside its transaction. Where nothing can tell the difference (no callbacks of the user: {@link
   * DirectMigrate}; a Flyway line it is tested on: {@link FlywayLine#ownLoop}), the walk's own loop
   * applies them instead, without Flyway's per-migration refresh of the whole history, up to the
   * first migration that must run outside a transaction (or that Flyway cannot parse): {@code
   * flyway migrate()} applies that one and the rest.
   *
   * @return the migration that failed, if one did
   */
  public Optional<Failed> migrateAll(Plan plan, int count, DirectMigrate.Observer observer) {
    try {
      Flyway flyway = firstOf(plan, count, observer);
      List<MigrationInfo> migrations = plan.pending().subList(0, count);
      if (!flywayLoop
          && FlywayLine.current().ownLoop()
          && DirectMigrate.usable(flyway.getConfiguration(), plan)) {
        DirectMigrate.Result own =
            DirectMigrate.migrate(
                dataSource,
                firstOf(plan, 0),
                flyway.getConfiguration(),
                plan,
                migrations,
                observer);
        if (own.failed().isPresent() || own.applied() == count) {
          return own.failed();
        }
        // a migration the own loop cannot apply as flyway migrate would: Flyway applies the rest
      }
      flyway.migrate();
      return Optional.empty();
    } catch (FlywayException e) {
      return Optional.of(new Failed(failedMigration(e), e));
    }
  }

  /** The failure of a migration, explained: script, line, statement, SQLSTATE, the fix. */
  public static MigrationFailure explain(
      MigrationInfo migration, FlywayException error, List<String> before) {
    return Failures.explain(migration, error, before);
  }

  /**
   * Applies, in one {@code migrate()}, every pending migration of the plan up to and including
   * {@code lastIndex} (the later ones hidden), without checks: for building template databases.
   *
   * @return how many migrations Flyway applied
   * @throws IllegalStateException with the failure's full message when one fails
   */
  public int applyUpTo(Plan plan, int lastIndex) {
    try {
      return firstOf(plan, lastIndex + 1).migrate().migrationsExecuted;
    } catch (FlywayException e) {
      MigrationInfo failed = failedMigration(e);
      throw new IllegalStateException(
          Failures.explain(failed == null ? plan.pending().get(lastIndex) : failed, e, List.of())
              .report(),
          e);
    }
  }

  /** A Flyway that sees the first {@code count} pending migrations of the plan and no later one. */
  private Flyway firstOf(Plan plan, int count, Callback... callbacks) {
    Set<String> later =
        plan.pending().subList(count, plan.pending().size()).stream()
            .map(MigrationInfo::getScript)
            .collect(Collectors.toCollection(HashSet::new));
    List<JavaMigration> java =
        settings.javaMigrations().stream()
            .filter(m -> !later.contains(m.getClass().getName()))
            .collect(Collectors.toList());
    return settings
        .configure(dataSource, java, callbacks)
        .resourceProvider(new Hiding(plan.resources(), later))
        .javaMigrationClassProvider(
            () ->
                plan.classes().getClasses().stream()
                    .filter(c -> !later.contains(c.getName()))
                    .collect(Collectors.toList()))
        .load();
  }

  private static MigrationInfo failedMigration(FlywayException e) {
    return FlywayInternals.failedMigration(e);
  }

  /**
   * {@code V7 orders status} or {@code R order summary}; for another tool's layout ({@link
   * SourceFiles}) its own file name, {@code 20240101120000_orders.sql}.
   */
  public static String label(MigrationInfo m) {
    return SourceFiles.label(
        m.getVersion() == null ? null : m.getVersion().getVersion(),
        m.getDescription(),
        m.getScript());
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

  static SQLException sqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        return (SQLException) c;
      }
    }
    return null;
  }
}
