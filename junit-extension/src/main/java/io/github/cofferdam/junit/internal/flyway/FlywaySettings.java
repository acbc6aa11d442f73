package io.github.cofferdam.junit.internal.flyway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The Flyway configuration of a test class, passed through to Flyway as it is.
 *
 * @param locations Flyway locations; empty for Flyway's default
 * @param schemas schemas; empty for Flyway's default
 * @param placeholders placeholder values
 * @param initSql SQL run on each new connection; empty for none
 * @param table the schema history table; empty for Flyway's default
 * @param javaMigrations Java migrations to add
 * @param callbacks Flyway callbacks
 * @param properties any other {@code flyway.*} properties
 * @param classLoader the test class's class loader, for classpath locations
 * @param source the layout of the migrations: {@code flyway}, {@code folder}, {@code supabase} or
 *     {@code prisma} ({@link SourceFiles})
 */
public record FlywaySettings(
    List<String> locations,
    List<String> schemas,
    Map<String, String> placeholders,
    String initSql,
    String table,
    List<JavaMigration> javaMigrations,
    List<Callback> callbacks,
    Map<String, String> properties,
    ClassLoader classLoader,
    String source) {

  /** Copies the collections. */
  public FlywaySettings {
    locations = List.copyOf(locations);
    schemas = List.copyOf(schemas);
    placeholders = Map.copyOf(placeholders);
    javaMigrations = List.copyOf(javaMigrations);
    callbacks = List.copyOf(callbacks);
    properties = Map.copyOf(properties);
  }

  /**
   * Whether Flyway takes its PostgreSQL advisory lock in a transaction (the default) or for the
   * session. {@code false} is what a {@code CREATE INDEX CONCURRENTLY} migration needs: it waits
   * for every older transaction, Flyway's lock transaction too, forever (flyway/flyway#3531).
   */
  public static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

  /**
   * The value of {@link #TRANSACTIONAL_LOCK}.
   *
   * @throws IllegalArgumentException when it is neither {@code true} nor {@code false}
   */
  public static boolean transactionalLock(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(
        TRANSACTIONAL_LOCK + "=" + value + " is not valid; valid values: true, false");
  }

  /** Flyway's defaults with these locations only. */
  public static FlywaySettings ofLocations(List<String> locations, ClassLoader classLoader) {
    return new FlywaySettings(
        locations,
        List.of(),
        Map.of(),
        "",
        "",
        List.of(),
        List.of(),
        Map.of(),
        classLoader,
        SourceFiles.FLYWAY);
  }

  /**
   * A Flyway configuration for a database, with the user's settings and extra callbacks added after
   * the user's own.
   */
  FluentConfiguration configure(
      DataSource dataSource, List<JavaMigration> migrations, Callback... extraCallbacks) {
    FluentConfiguration c = Flyway.configure(classLoader);
    Map<String, String> rest = new java.util.HashMap<>(properties);
    String lock = rest.remove(TRANSACTIONAL_LOCK);
    if (!rest.isEmpty()) {
      c.configuration(rest);
    }
    if (lock != null) {
      // through its plugin: Flyway's configuration(Map) wants jackson-databind for this key
      FlywayInternals.transactionalLock(c, transactionalLock(lock));
    }
    if (!properties.containsKey("flyway.loggers")) {
      c.loggers(QuietFlywayLog.class.getName());
    }
    c.dataSource(dataSource);
    if (!locations.isEmpty() && SourceFiles.FLYWAY.equals(source)) {
      c.locations(locations.toArray(String[]::new));
    }
    if (!schemas.isEmpty()) {
      c.schemas(schemas.toArray(String[]::new));
    }
    if (!placeholders.isEmpty()) {
      c.placeholders(placeholders);
    }
    if (!initSql.isEmpty()) {
      c.initSql(initSql);
    }
    if (!table.isEmpty()) {
      c.table(table);
    }
    if (!migrations.isEmpty()) {
      List<JavaMigration> java = new ArrayList<>(List.of(c.getJavaMigrations()));
      java.addAll(migrations);
      c.javaMigrations(java.toArray(JavaMigration[]::new));
    }
    List<Callback> all = new ArrayList<>(List.of(c.getCallbacks()));
    all.addAll(callbacks);
    all.addAll(List.of(extraCallbacks));
    if (!all.isEmpty()) {
      c.callbacks(all.toArray(Callback[]::new));
    }
    return c;
  }
}
