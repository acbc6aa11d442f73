package io.github.cofferdam.junit.internal.flyway;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.resolver.sql.SqlMigrationExecutor;
import org.flywaydb.core.internal.scanner.Scanner;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlScript;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Every use of Flyway's {@code internal} packages, in one place: the rest of Cofferdam uses
 * Flyway's public API only. Flyway changes its internals between lines (the scanner's constructor
 * and the public plugin accessor within 11.x, statement-level script references in 12.x), so each
 * part whose signature differs is looked up once, by probing what the Flyway on the classpath has
 * ({@link FlywayLine} says which line that is and what the walk does there). A part that is missing
 * degrades the walk (to {@code flyway migrate()}, or to Flyway's executor statement by statement)
 * instead of failing with a {@code NoSuchMethodError}.
 */
public final class FlywayInternals {

  private static final String INTERNAL = "org.flywaydb.core.internal.";

  /** The class loader of the Flyway on the classpath. */
  private static final ClassLoader FLYWAY = Scanner.class.getClassLoader();

  /**
   * The scanner's constructor {@code (Class, Configuration, Location[])}: in the later 11.x
   * releases (11.20 has it, 11.7 not) and after.
   */
  private static final MethodHandle NEW_SCANNER =
      probe(
          l ->
              l.findConstructor(
                  Scanner.class,
                  MethodType.methodType(
                      void.class, Class.class, Configuration.class, Location[].class)));

  /**
   * The 10.x and early 11.x constructor, {@code (Class, stream, ResourceNameCache,
   * LocationScannerCache, Configuration)}, as {@code (Class, Configuration)} with new caches.
   */
  private static final MethodHandle OLD_SCANNER =
      NEW_SCANNER != null
          ? null
          : probe(
              l -> {
                Class<?> names =
                    Class.forName(INTERNAL + "scanner.ResourceNameCache", false, FLYWAY);
                Class<?> locations =
                    Class.forName(INTERNAL + "scanner.LocationScannerCache", false, FLYWAY);
                MethodHandle scanner =
                    l.findConstructor(
                        Scanner.class,
                        MethodType.methodType(
                            void.class,
                            Class.class,
                            boolean.class,
                            names,
                            locations,
                            Configuration.class));
                MethodHandle newNames = l.findConstructor(names, MethodType.methodType(void.class));
                MethodHandle newLocations =
                    l.findConstructor(locations, MethodType.methodType(void.class));
                // (Class, Configuration) -> new Scanner(Class, false, new names, new locations, c)
                MethodHandle withFalse = MethodHandles.insertArguments(scanner, 1, false);
                MethodHandle withCaches =
                    MethodHandles.collectArguments(
                        MethodHandles.collectArguments(withFalse, 1, newNames), 1, newLocations);
                return withCaches;
              });

  /** {@code SqlStatement.getReferencedSqlScript()}: 12.x on; lines before it have none. */
  private static final MethodHandle REFERENCED_SCRIPT =
      probe(
          l ->
              l.findVirtual(
                  SqlStatement.class,
                  "getReferencedSqlScript",
                  MethodType.methodType(SqlScript.class)));

  /**
   * {@code FluentConfiguration.getConfigurationExtension(Class)}: in the later 11.x releases (11.20
   * has it, 11.7 not) and after; {@code getPluginRegister().getPlugin(Class)} before.
   */
  private static final MethodHandle CONFIGURATION_EXTENSION =
      probe(
          l ->
              l.findVirtual(
                  FluentConfiguration.class,
                  "getConfigurationExtension",
                  MethodType.methodType(
                      Class.forName(
                          "org.flywaydb.core.extensibility.ConfigurationExtension", false, FLYWAY),
                      Class.class)));

  /** The parsed script inside Flyway's SQL executor, or {@code null} if it is not there. */
  private static final Field SQL_SCRIPT = scriptField();

  private FlywayInternals() {}

  /** What the walk needs to read the locations: Flyway's own scanner, as both providers. */
  public record Scan(ResourceProvider resources, ClassProvider<JavaMigration> classes) {}

  /**
   * Scans the configuration's locations as {@code flyway migrate} does.
   *
   * @throws FlywayException when Flyway cannot read a location
   * @throws IllegalStateException when this Flyway has neither known scanner constructor
   */
  @SuppressWarnings("unchecked")
  public static Scan scan(Configuration configuration) {
    MethodHandle constructor = NEW_SCANNER != null ? NEW_SCANNER : OLD_SCANNER;
    if (constructor == null) {
      throw new IllegalStateException(
          "Flyway "
              + FlywayLine.current().version()
              + " has no scanner Cofferdam knows how to start; "
              + FlywayLine.SUPPORTED);
    }
    Object scanner;
    try {
      scanner =
          NEW_SCANNER != null
              ? constructor.invoke(JavaMigration.class, configuration, configuration.getLocations())
              : constructor.invoke(JavaMigration.class, configuration);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Flyway's scanner failed: " + e, e);
    }
    return new Scan((ResourceProvider) scanner, (ClassProvider<JavaMigration>) scanner);
  }

  /**
   * The executor Flyway resolved for a migration, or {@code null} when the migration is not one
   * Flyway resolved itself (a synthetic or applied-only entry, or another Flyway's info class).
   */
  public static MigrationExecutor executor(MigrationInfo m) {
    if (!(m instanceof MigrationInfoImpl)) {
      return null;
    }
    var resolved = ((MigrationInfoImpl) m).getResolvedMigration();
    return resolved == null ? null : resolved.getExecutor();
  }

  /** The migration a failure of {@code flyway migrate} names, or {@code null}. */
  static MigrationInfo failedMigration(FlywayException e) {
    return e instanceof FlywayMigrateException ? ((FlywayMigrateException) e).getMigration() : null;
  }

  /** A failure of the walk's own loop as {@code flyway migrate} throws it, naming the migration. */
  static FlywayException asMigrateFailure(MigrationInfo m, Exception e) {
    try {
      if (e instanceof FlywayException) {
        return new FlywayMigrateException(m, false, (FlywayException) e, true, new MigrateResult());
      }
      if (e instanceof SQLException) {
        return new FlywayMigrateException(m, false, (SQLException) e, true, new MigrateResult());
      }
    } catch (RuntimeException | LinkageError unexpected) {
      // another Flyway: the failure as it is
    }
    return e instanceof FlywayException
        ? (FlywayException) e
        : new FlywayException(String.valueOf(e.getMessage()), e);
  }

  /**
   * Where a failure happened, as far as Flyway says.
   *
   * @param line the script's line of the failing statement, if known
   * @param statement the failing statement, if known
   * @param file the migration's file on disk, if it has one
   */
  record Where(Optional<Integer> line, Optional<String> statement, Optional<String> file) {}

  /** The line, statement and file a failure of Flyway names. */
  static Where locate(FlywayException e) {
    FlywaySqlScriptException script = find(e, FlywaySqlScriptException.class);
    FlywayMigrateException migrate = find(e, FlywayMigrateException.class);
    Optional<Integer> line = Optional.empty();
    if (script != null && script.getLineNumber() > 0) {
      line = Optional.of(script.getLineNumber());
    } else if (migrate != null && migrate.getLineNumber() > 0) {
      line = Optional.of(migrate.getLineNumber());
    }
    return new Where(
        line,
        Optional.ofNullable(script == null ? null : script.getStatement()),
        Optional.ofNullable(migrate == null ? null : migrate.getAbsolutePathOnDisk()));
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /**
   * Sets {@code flyway.postgresql.transactional.lock} through Flyway's PostgreSQL plugin (its
   * {@code configuration(Map)} wants jackson-databind for a plugin key).
   */
  public static void transactionalLock(FluentConfiguration c, boolean value) {
    PostgreSQLConfigurationExtension extension;
    try {
      extension =
          CONFIGURATION_EXTENSION != null
              ? (PostgreSQLConfigurationExtension)
                  CONFIGURATION_EXTENSION.invoke(c, PostgreSQLConfigurationExtension.class)
              : c.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    if (extension == null) {
      throw new IllegalStateException(
          FlywaySettings.TRANSACTIONAL_LOCK
              + " needs flyway-database-postgresql on the classpath, of the same version as"
              + " flyway-core ("
              + FlywayLine.current().version()
              + ")");
    }
    extension.setTransactionalLock(value);
  }

  /**
   * A SQL migration's statements as Flyway parsed them (placeholders replaced), or empty when they
   * are not plain statements that can run in a transaction: not a plain SQL script (Java, a script
   * that includes others), {@code COPY ... FROM STDIN}, a statement that cannot run in a
   * transaction, or Flyway internals that are not what this class expects.
   */
  static Optional<List<String>> plainStatements(MigrationExecutor executor) {
    if (SQL_SCRIPT == null
        || executor == null
        || executor.getClass() != SqlMigrationExecutor.class) {
      return Optional.empty();
    }
    try {
      SqlScript script = (SqlScript) SQL_SCRIPT.get(executor);
      if (script == null
          || !script.executeInTransaction()
          || !script.shouldExecute()
          || !script.getReferencedSqlScripts().isEmpty()) {
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      try (SqlStatementIterator it = script.getSqlStatements()) {
        while (it.hasNext()) {
          SqlStatement statement = it.next();
          if (statement.getClass() != ParsedSqlStatement.class
              || !statement.canExecuteInTransaction()
              || referencesAScript(statement)) {
            return Optional.empty();
          }
          out.add(statement.getSql());
        }
      }
      return Optional.of(out);
    } catch (RuntimeException | LinkageError | IllegalAccessException e) {
      return Optional.empty();
    }
  }

  private static boolean referencesAScript(SqlStatement statement) {
    if (REFERENCED_SCRIPT == null) {
      return false; // before 12.x a statement cannot include a script
    }
    try {
      return REFERENCED_SCRIPT.invoke(statement) != null;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this Flyway has what the walk's own loop and one-round-trip replays read. */
  static boolean hasExecutorInternals() {
    return SQL_SCRIPT != null && (NEW_SCANNER != null || OLD_SCANNER != null);
  }

  private static Field scriptField() {
    try {
      Field f = SqlMigrationExecutor.class.getDeclaredField("sqlScript");
      f.setAccessible(true);
      return SqlScript.class.isAssignableFrom(f.getType()) ? f : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Looks a part of Flyway up; {@code null} when this Flyway does not have it. */
  private static MethodHandle probe(Probe probe) {
    try {
      return probe.find(MethodHandles.publicLookup());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** A lookup of one part of Flyway. */
  @FunctionalInterface
  private interface Probe {
    MethodHandle find(MethodHandles.Lookup lookup) throws ReflectiveOperationException;
  }
}
