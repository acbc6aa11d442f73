package io.github.cofferdam.junit;

import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.safety.SeedFiles;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * What is checked once the migrations are known and before anything is applied: every reference to
 * a version names one, no migration would hang on Flyway's lock, and the files Flyway ignores.
 */
final class Preflight {

  /** Statements that wait for every older transaction, Flyway's lock transaction too. */
  private static final Pattern WAITS_FOR_OLDER_TRANSACTIONS =
      Pattern.compile(
          "\\b(CREATE\\s+(UNIQUE\\s+)?INDEX|REINDEX\\b[^;]*?)\\s+CONCURRENTLY\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  private Preflight() {}

  /**
   * Fails before anything is applied when a seed, {@code @BeforeMigration} or the baseline names a
   * version no migration has, or a migration would wait forever for Flyway's lock; mentions the
   * files Flyway ignores.
   */
  static void check(
      ExtensionContext context, Settings settings, MigrationWalker.Plan plan, SeedFiles files) {
    Class<?> testClass = context.getRequiredTestClass();
    List<String> problems =
        new ArrayList<>(
            Preflight.danglingReferences(
                plan,
                Optional.ofNullable(files),
                settings.seeds(),
                AnnotationSupport.findAnnotatedMethods(
                    testClass, BeforeMigration.class, HierarchyTraversalMode.TOP_DOWN),
                settings.policy().baseline()));
    problems.addAll(Preflight.lockHangs(plan, settings.flyway()));
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException(
          testClass.getName() + ":\n  - " + String.join("\n  - ", problems));
    }
    for (String ignored : Preflight.ignoredFiles(plan, settings.flyway())) {
      System.out.println("Cofferdam: " + ignored);
      context.publishReportEntry("cofferdam.ignored", ignored);
    }
  }

  /**
   * The locations that do not exist, as one message, when there are any: for a walk that found no
   * migration, that is why.
   */
  static Optional<String> missingLocations(FlywaySettings flyway, ClassLoader loader) {
    List<String> locations =
        flyway.locations().isEmpty() ? List.of("classpath:db/migration") : flyway.locations();
    List<String> missing = new ArrayList<>();
    for (String location : locations) {
      String l = location.trim();
      if (l.startsWith("filesystem:")) {
        Path dir = Path.of(l.substring("filesystem:".length()));
        if (!Files.isDirectory(dir)) {
          missing.add(l + " (no directory " + dir.toAbsolutePath() + ")");
        }
      } else if (l.startsWith("classpath:") || !l.contains(":")) {
        String path = l.substring(l.indexOf(':') + 1).replaceAll("^/+", "");
        if (loader.getResource(path) == null) {
          missing.add(l + " (no directory " + path + " on the test classpath)");
        }
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        (missing.size() == 1 ? "the location " : "the locations ")
            + String.join(", ", missing)
            + (missing.size() == 1 ? " does not exist" : " do not exist")
            + ". Point cofferdam.locations (attribute locations) at the directory of the"
            + " migrations, e.g. classpath:db/migration or"
            + " filesystem:src/main/resources/db/migration.");
  }

  /**
   * Seed files, {@code @BeforeMigration} methods and a baseline that name a version no migration
   * has.
   */
  static List<String> danglingReferences(
      MigrationWalker.Plan plan,
      Optional<SeedFiles> seeds,
      String seedLocation,
      List<Method> beforeMigrations,
      Optional<MigrationVersion> baseline) {
    Set<MigrationVersion> versions =
        plan.pending().stream()
            .map(MigrationInfo::getVersion)
            .filter(v -> v != null)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    String known =
        versions.isEmpty()
            ? "there is no versioned migration"
            : "the versions are "
                + versions.stream()
                    .map(MigrationVersion::getVersion)
                    .collect(Collectors.joining(", "));
    List<String> problems = new ArrayList<>();
    seeds.ifPresent(files -> problems.addAll(danglingSeeds(files, seedLocation, versions, known)));
    problems.addAll(danglingBeforeMigrations(beforeMigrations, versions, known));
    baseline
        .filter(b -> !versions.contains(b))
        .ifPresent(
            b ->
                problems.add(
                    MigrationTest.BASELINE_KEY
                        + "="
                        + b.getVersion()
                        + " names no migration; "
                        + known
                        + ". Set it to the version of the last migration already applied in"
                        + " production."));
    return problems;
  }

  /** Seed files whose version no migration has. */
  private static List<String> danglingSeeds(
      SeedFiles files, String seedLocation, Set<MigrationVersion> versions, String known) {
    List<String> problems = new ArrayList<>();
    files
        .files()
        .forEach(
            (file, version) -> {
              if (!versions.contains(version)) {
                problems.add(
                    "seed file "
                        + file
                        + " in "
                        + seedLocation
                        + " runs before version "
                        + version.getVersion()
                        + ", which no migration has; "
                        + known
                        + ". Rename it after the migration it prepares.");
              }
            });
    return problems;
  }

  /** {@code @BeforeMigration} methods whose version no migration has. */
  private static List<String> danglingBeforeMigrations(
      List<Method> beforeMigrations, Set<MigrationVersion> versions, String known) {
    List<String> problems = new ArrayList<>();
    for (Method m : beforeMigrations) {
      String value = m.getAnnotation(BeforeMigration.class).value();
      if (!versions.contains(MigrationVersion.fromVersion(value))) {
        problems.add(
            "@BeforeMigration(\""
                + value
                + "\") method "
                + m.getName()
                + " runs before version "
                + value
                + ", which no migration has; "
                + known
                + ".");
      }
    }
    return problems;
  }

  /**
   * Migrations that would wait forever for Flyway's own lock transaction: {@code CREATE INDEX
   * CONCURRENTLY} under Flyway's default transactional lock (flyway/flyway#3531).
   */
  static List<String> lockHangs(MigrationWalker.Plan plan, FlywaySettings flyway) {
    String lock = flyway.properties().get(FlywaySettings.TRANSACTIONAL_LOCK);
    if (lock != null && !FlywaySettings.transactionalLock(lock)) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (MigrationInfo m : plan.pending()) {
      Optional<String> text = plan.scripts().text(m);
      if (text.isPresent()
          && MigrationWalker.mentions(text.get(), "CONCURRENTLY")
          && WAITS_FOR_OLDER_TRANSACTIONS
              .matcher(COMMENTS.matcher(text.get()).replaceAll(" "))
              .find()) {
        problems.add(
            m.getScript()
                + " builds an index CONCURRENTLY, which waits for every older transaction: under"
                + " Flyway's default transactional lock that includes Flyway's own, so it waits"
                + " forever, here as in production (flyway/flyway#3531). Set "
                + FlywaySettings.TRANSACTIONAL_LOCK
                + "=false (attribute flyway, or key "
                + MigrationTest.FLYWAY_KEY_PREFIX
                + "postgresql.transactional.lock), and the same in production.");
      }
    }
    return problems;
  }

  /**
   * The SQL files in the locations that Flyway ignores: neither a migration nor a callback, such as
   * {@code V1_orders.sql} with one underscore.
   */
  static List<String> ignoredFiles(MigrationWalker.Plan plan, FlywaySettings flyway) {
    Map<String, String> properties = new HashMap<>(flyway.properties());
    properties.remove(FlywaySettings.TRANSACTIONAL_LOCK);
    Configuration c = Flyway.configure(flyway.classLoader()).configuration(properties);
    Set<String> migrations =
        plan.pending().stream().map(MigrationInfo::getScript).collect(Collectors.toSet());
    List<String> ignored = new ArrayList<>();
    for (LoadableResource r : plan.resources().getResources("", c.getSqlMigrationSuffixes())) {
      String name = r.getFilename();
      if (migrations.contains(r.getRelativePath()) || isCallback(name) || wellNamed(name, c)) {
        continue; // a migration, a callback, or a well-named one Flyway leaves out (target, …)
      }
      ignored.add(
          r.getRelativePath()
              + " is not applied: Flyway ignores it, its name is not "
              + c.getSqlMigrationPrefix()
              + "<version>"
              + c.getSqlMigrationSeparator()
              + "<description>"
              + c.getSqlMigrationSuffixes()[0]
              + " (or "
              + c.getRepeatableSqlMigrationPrefix()
              + c.getSqlMigrationSeparator()
              + "<description>"
              + c.getSqlMigrationSuffixes()[0]
              + ", or a callback). Rename it, or set "
              + MigrationTest.FLYWAY_KEY_PREFIX
              + "validateMigrationNaming=true to make such names fail.");
    }
    return ignored;
  }

  /** Whether a file name follows Flyway's naming of versioned, undo or repeatable migrations. */
  private static boolean wellNamed(String name, Configuration c) {
    String separator = Pattern.quote(c.getSqlMigrationSeparator());
    for (String suffix : c.getSqlMigrationSuffixes()) {
      String end = ".+" + Pattern.quote(suffix);
      String versioned =
          "(" + Pattern.quote(c.getSqlMigrationPrefix()) + "|U|B)[0-9][0-9._]*" + separator + end;
      String repeatable = Pattern.quote(c.getRepeatableSqlMigrationPrefix()) + separator + end;
      if (name.matches(versioned) || name.matches(repeatable)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCallback(String name) {
    for (Event event : Event.values()) {
      if (name.toLowerCase(Locale.ROOT).startsWith(event.getId().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
