package io.github.cofferdam.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks the Flyway migrations of a test class one at a time in a disposable PostgreSQL database.
 *
 * <p>For each annotated class Cofferdam obtains a PostgreSQL server (shared per JVM, provider and
 * major version), creates a fresh database for the class, applies every pending migration on its
 * own, in Flyway's order, and records one {@link StepResult} per migration. Test methods receive
 * the {@link MigrationRun}, a {@link javax.sql.DataSource} and a {@link java.sql.Connection} to
 * that database as parameters.
 *
 * <p>Every attribute can be overridden without touching code by the configuration key named in its
 * documentation, given as a JUnit configuration parameter, a system property or an entry in {@code
 * junit-platform.properties}. A key always wins over the attribute; the attribute wins over the
 * default. See {@code docs/configuration.md}.
 *
 * <p>A {@code @Nested} class shares the database of its enclosing class unless it carries its own
 * {@code @MigrationTest}. The annotation can be used as a meta-annotation.
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CofferdamExtension.class)
public @interface MigrationTest {

  /** Key overriding {@link #locations()}: a comma-separated list of Flyway locations. */
  String LOCATIONS_KEY = "cofferdam.locations";

  /**
   * Key overriding {@link #source()}: {@code flyway}, {@code supabase}, {@code prisma}, {@code
   * drizzle} or {@code folder}.
   */
  String SOURCE_KEY = "cofferdam.source";

  /**
   * Key overriding {@link #environment()}: {@code none} or {@code supabase}; default {@code
   * supabase} for {@code cofferdam.source=supabase}, else {@code none}.
   */
  String ENVIRONMENT_KEY = "cofferdam.environment";

  /** Key overriding {@link #schemas()}: a comma-separated list of schemas. */
  String SCHEMAS_KEY = "cofferdam.schemas";

  /** Key overriding {@link #placeholders()}: comma-separated {@code name=value} pairs. */
  String PLACEHOLDERS_KEY = "cofferdam.placeholders";

  /** Key overriding {@link #initSql()}. */
  String INIT_SQL_KEY = "cofferdam.init.sql";

  /** Key overriding {@link #table()}. */
  String TABLE_KEY = "cofferdam.table";

  /** Key overriding {@link #javaMigrations()}: comma-separated fully qualified class names. */
  String JAVA_MIGRATIONS_KEY = "cofferdam.java.migrations";

  /** Key overriding {@link #callbacks()}: comma-separated fully qualified class names. */
  String CALLBACKS_KEY = "cofferdam.callbacks";

  /**
   * Prefix of keys passed to Flyway as they are: {@code cofferdam.flyway.X=v} becomes the Flyway
   * property {@code flyway.X=v}. See {@link #flyway()}.
   */
  String FLYWAY_KEY_PREFIX = "cofferdam.flyway.";

  /**
   * Key overriding {@link #provider()}: {@code embedded}, {@code container} or {@code external}.
   */
  String PROVIDER_KEY = "cofferdam.provider";

  /** Key overriding {@link #postgresVersion()}: the PostgreSQL major version, 14 to 18. */
  String POSTGRES_VERSION_KEY = "cofferdam.postgres.version";

  /** Key overriding {@link #containerImage()}. */
  String CONTAINER_IMAGE_KEY = "cofferdam.container.image";

  /** Key overriding {@link #containerNetwork()}: {@code bridge} or {@code host}. */
  String CONTAINER_NETWORK_KEY = "cofferdam.container.network";

  /** Key overriding {@link #externalUrl()}. */
  String EXTERNAL_URL_KEY = "cofferdam.external.url";

  /** Key overriding {@link #externalUser()}. */
  String EXTERNAL_USER_KEY = "cofferdam.external.user";

  /** Key overriding {@link #externalPassword()}. */
  String EXTERNAL_PASSWORD_KEY = "cofferdam.external.password";

  /** Key overriding {@link #reportDir()}. */
  String REPORT_DIR_KEY = "cofferdam.report.dir";

  /** Key overriding {@link #seeds()}: a location of seed SQL files. */
  String SEEDS_KEY = "cofferdam.seeds";

  /** Key overriding {@link #baseline()}: the version up to which findings never fail. */
  String BASELINE_KEY = "cofferdam.baseline";

  /** Key overriding {@link #rules()}: comma-separated {@code rule=error|warning} entries. */
  String RULES_KEY = "cofferdam.rules";

  /** Key overriding {@link #workflows()}: a location of SQL workflow files. */
  String WORKFLOWS_KEY = "cofferdam.workflows";

  /** Key overriding {@link #undo()}: {@code auto}, {@code on} or {@code off}. */
  String UNDO_KEY = "cofferdam.undo";

  /** Key overriding {@link #expectedSchema()}: the expected-schema file. */
  String EXPECTED_SCHEMA_KEY = "cofferdam.schema.expected";

  /**
   * Key: {@code true} rewrites the file of {@value #EXPECTED_SCHEMA_KEY} from the walked database
   * instead of comparing; {@code false} (the default) compares.
   */
  String SCHEMA_UPDATE_KEY = "cofferdam.schema.update";

  /**
   * Key: the longest any one statement of a migration, replay, seed or workflow may run ({@code
   * 500ms}, {@code 30s}, {@code 5min}, {@code 1h}; {@code 0} for no limit). Default: {@code 5min}.
   */
  String STATEMENT_TIMEOUT_KEY = "cofferdam.statement.timeout";

  /**
   * Key: the longest a statement may wait for a lock, in the same format as {@link
   * #STATEMENT_TIMEOUT_KEY}. Default: {@code 1min}.
   */
  String LOCK_TIMEOUT_KEY = "cofferdam.lock.timeout";

  /**
   * Key: PostgreSQL settings of the embedded server, comma-separated {@code name=value} entries
   * ({@code max_locks_per_transaction=256,max_connections=200}). Default: none.
   */
  String EMBEDDED_SETTINGS_KEY = "cofferdam.embedded.settings";

  /**
   * Key: the name of an environment variable that holds the external provider's password, so that
   * the password is never a system property (Surefire writes those into its XML reports). Default:
   * {@code PGPASSWORD} when it is set and no password is given otherwise.
   */
  String EXTERNAL_PASSWORD_ENV_KEY = "cofferdam.external.password.env";

  /** Key: JDBC URL of a live database compared, read only, after the walk (docs/drift.md). */
  String DRIFT_URL_KEY = "cofferdam.drift.url";

  /** Key: user for {@value #DRIFT_URL_KEY}. */
  String DRIFT_USER_KEY = "cofferdam.drift.user";

  /** Key: password for {@value #DRIFT_URL_KEY}; prefer {@value #DRIFT_PASSWORD_ENV_KEY}. */
  String DRIFT_PASSWORD_KEY = "cofferdam.drift.password";

  /** Key: the environment variable holding the password for {@value #DRIFT_URL_KEY}. */
  String DRIFT_PASSWORD_ENV_KEY = "cofferdam.drift.password.env";

  /**
   * Flyway locations ({@code classpath:} or {@code filesystem:}); key {@value #LOCATIONS_KEY}.
   * Default: Flyway's own, {@code classpath:db/migration}.
   */
  String[] locations() default {};

  /**
   * The layout of the migrations; key {@value #SOURCE_KEY}. {@code flyway} (the default): Flyway's
   * locations and names. {@code supabase}: {@code supabase/migrations/<yyyyMMddHHmmss>_<name>.sql}.
   * {@code prisma}: {@code prisma/migrations/<timestamp>_<name>/migration.sql}. {@code drizzle}:
   * {@code drizzle/<nnnn>_<name>.sql} in the order of {@code meta/_journal.json}. {@code folder}:
   * every {@code .sql} file of a folder, in file-name order. For all but {@code flyway}, {@link
   * #locations()} is one folder on disk (a path or {@code filesystem:path}; default: the working
   * directory). See {@code docs/sources.md}.
   */
  String source() default "";

  /**
   * What the database holds before the first migration; key {@value #ENVIRONMENT_KEY}. {@code
   * none}: nothing. {@code supabase}: a stand-in for Supabase's roles ({@code anon}, {@code
   * authenticated}, {@code service_role}, {@code authenticator}, {@code supabase_admin}), the
   * {@code auth}, {@code storage} and {@code extensions} schemas, and pgcrypto and uuid-ossp on the
   * search path. Default: {@code supabase} when {@link #source()} is {@code supabase}, else {@code
   * none}. See {@code docs/sources.md}.
   */
  String environment() default "";

  /** Schemas Flyway manages; key {@value #SCHEMAS_KEY}. Default: Flyway's own. */
  String[] schemas() default {};

  /** Placeholders as {@code name=value}; key {@value #PLACEHOLDERS_KEY}. Default: none. */
  String[] placeholders() default {};

  /** SQL run on every new connection Flyway opens; key {@value #INIT_SQL_KEY}. */
  String initSql() default "";

  /** Name of Flyway's schema history table; key {@value #TABLE_KEY}. */
  String table() default "";

  /** Java migrations to add to those Flyway finds; key {@value #JAVA_MIGRATIONS_KEY}. */
  Class<? extends JavaMigration>[] javaMigrations() default {};

  /** Flyway callbacks; key {@value #CALLBACKS_KEY}. */
  Class<? extends Callback>[] callbacks() default {};

  /**
   * Any other Flyway configuration, as {@code flyway.property=value} entries (for example {@code
   * "flyway.validateMigrationNaming=true"}); keys with the prefix {@value #FLYWAY_KEY_PREFIX}
   * override single entries.
   */
  String[] flyway() default {};

  /**
   * Where PostgreSQL comes from; key {@value #PROVIDER_KEY}. Default: {@link Provider#EMBEDDED}.
   */
  Provider provider() default Provider.DEFAULT;

  /** PostgreSQL major version; key {@value #POSTGRES_VERSION_KEY}. Default: 17. */
  int postgresVersion() default 0;

  /**
   * Image of the container provider, any image compatible with {@code postgres}; key {@value
   * #CONTAINER_IMAGE_KEY}. Default: {@code postgres:<major>}.
   */
  String containerImage() default "";

  /**
   * Network mode of the container provider: {@code bridge}, or {@code host} for engines without a
   * bridge network (PostgreSQL then listens on a free loopback port); key {@value
   * #CONTAINER_NETWORK_KEY}. Default: {@code bridge}.
   */
  String containerNetwork() default "";

  /**
   * JDBC URL of a server you declare disposable, for the external provider; key {@value
   * #EXTERNAL_URL_KEY}. Cofferdam only creates and drops its own {@code cofferdam_*} databases.
   */
  String externalUrl() default "";

  /** User for the external provider; key {@value #EXTERNAL_USER_KEY}. */
  String externalUser() default "";

  /**
   * Password for the external provider; key {@value #EXTERNAL_PASSWORD_KEY}. Prefer the key (a
   * system property set by CI) over writing a password in code.
   */
  String externalPassword() default "";

  /** Where reports are written; key {@value #REPORT_DIR_KEY}. Default: {@code target/cofferdam}. */
  String reportDir() default "";

  /**
   * A location ({@code classpath:} or {@code filesystem:}) of seed SQL files named {@code
   * V<version>__<anything>.sql}; each runs right before migration {@code <version>}, so the data
   * checks have rows to bite on; key {@value #SEEDS_KEY}. Default: none.
   */
  String seeds() default "";

  /**
   * Adoption on an old codebase: migrations up to and including this version are applied and
   * reported, but their findings never fail; key {@value #BASELINE_KEY}. Default: none.
   */
  String baseline() default "";

  /**
   * Severities per rule, as {@code rule=error} or {@code rule=warning} (for example {@code
   * "data-changed=warning"}); key {@value #RULES_KEY}. Default: every rule is an error.
   */
  String[] rules() default {};

  /**
   * A location ({@code classpath:} or {@code filesystem:}) of {@code .sql} files, each one a
   * critical workflow for teams that do not write Java: its statements run in order after every
   * migration, and any error fails it; key {@value #WORKFLOWS_KEY}. Default: none. See {@link
   * CriticalWorkflow}.
   */
  String workflows() default "";

  /**
   * The undo round trip of migrations that have an undo script ({@code U<version>__…sql}, see
   * docs/checks.md); key {@value #UNDO_KEY}. {@code auto} (the default): wherever an undo script
   * exists; {@code on}: the same, and the class fails when there is none at all; {@code off}:
   * never.
   */
  String undo() default "";

  /**
   * The expected-schema file (see docs/drift.md), relative to the working directory (the module
   * directory under Maven): after a successful walk, the schema the migrations built is rendered as
   * text ({@code SchemaText}) and compared with it; any difference fails the class. Key {@value
   * #EXPECTED_SCHEMA_KEY}; {@code -Dcofferdam.schema.update=true} rewrites the file. Empty (the
   * default): no file.
   */
  String expectedSchema() default "";

  /**
   * Where PostgreSQL comes from.
   *
   * @since 0.1.0
   */
  enum Provider {
    /** Not set on the annotation: the key {@value #PROVIDER_KEY} decides, else embedded. */
    DEFAULT,
    /** zonky embedded PostgreSQL binaries from Maven Central; needs no Docker. */
    EMBEDDED,
    /** A Testcontainers PostgreSQL container. */
    CONTAINER,
    /** A server you declare disposable, given by URL. */
    EXTERNAL
  }
}
