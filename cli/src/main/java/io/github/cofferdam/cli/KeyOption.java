package io.github.cofferdam.cli;

import io.github.cofferdam.junit.MigrationTest;
import java.util.List;
import java.util.Optional;

/**
 * An option of {@code check} that sets one key of docs/configuration.md, with the key's default as
 * the extension applies it: the command line passes the value on and never a default of its own.
 *
 * @param name the option, {@code --provider}
 * @param key the key it sets, {@code cofferdam.provider}
 * @param label the value's label in the help, {@code <provider>}
 * @param description what it does, for the help
 * @param defaultValue the key's default, as the help names it
 * @param location whether the value is a folder (a bare path becomes {@code filesystem:<path>})
 */
record KeyOption(
    String name,
    String key,
    String label,
    String description,
    String defaultValue,
    boolean location) {

  /** The default report directory of {@value MigrationTest#REPORT_DIR_KEY}. */
  static final String DEFAULT_REPORT_DIR = "target/cofferdam";

  /** The key of the {@code <folder>} parameter. */
  static final String FOLDER_KEY = MigrationTest.LOCATIONS_KEY;

  /**
   * Keys without an option: given with {@code -D key=value} (Java classes, passwords, the
   * expected-schema file).
   */
  static final List<String> DEFINE_ONLY =
      List.of(
          MigrationTest.JAVA_MIGRATIONS_KEY,
          MigrationTest.CALLBACKS_KEY,
          MigrationTest.EXTERNAL_PASSWORD_KEY,
          MigrationTest.DRIFT_PASSWORD_KEY,
          MigrationTest.EXPECTED_SCHEMA_KEY,
          MigrationTest.SCHEMA_UPDATE_KEY);

  /** Every option that sets a key, in the order of the help. */
  static final List<KeyOption> ALL =
      List.of(
          option(
              "--source",
              MigrationTest.SOURCE_KEY,
              "<source>",
              "The layout of the migrations: flyway, supabase, prisma, drizzle or folder"
                  + " (docs/sources.md).",
              "flyway"),
          option(
              "--environment",
              MigrationTest.ENVIRONMENT_KEY,
              "<environment>",
              "What the database holds before the first migration: supabase (a stand-in for"
                  + " Supabase's roles and auth, storage, extensions schemas) or none.",
              "supabase when the source is supabase, else none"),
          option(
              "--baseline",
              MigrationTest.BASELINE_KEY,
              "<version>",
              "The last version already applied in production: it and the migrations before it"
                  + " are reported, but their findings never fail.",
              "none"),
          option(
              "--rules",
              MigrationTest.RULES_KEY,
              "<rule=severity>",
              "Severity per rule, error or warning, comma-separated, for example"
                  + " data-changed=warning.",
              "every rule an error"),
          option(
              "--report-dir",
              MigrationTest.REPORT_DIR_KEY,
              "<dir>",
              "Where the JSON, Markdown and JUnit XML reports are written.",
              DEFAULT_REPORT_DIR),
          option(
              "--provider",
              MigrationTest.PROVIDER_KEY,
              "<provider>",
              "Where PostgreSQL comes from: embedded (no Docker), container (Docker) or external"
                  + " (a server you declare disposable).",
              "embedded"),
          option(
              "--postgres-version",
              MigrationTest.POSTGRES_VERSION_KEY,
              "<major>",
              "The PostgreSQL major version, 14 to 18 (the embedded binaries of this jar are 17;"
                  + " other majors need the container provider).",
              "17"),
          option(
              "--container-image",
              MigrationTest.CONTAINER_IMAGE_KEY,
              "<image>",
              "The image of the container provider, for example one with an extension you need.",
              "postgres:<major>"),
          option(
              "--container-network",
              MigrationTest.CONTAINER_NETWORK_KEY,
              "<mode>",
              "The container's network mode: bridge or host.",
              "bridge"),
          option(
              "--external-url",
              MigrationTest.EXTERNAL_URL_KEY,
              "<jdbc-url>",
              "The server of the external provider, jdbc:postgresql://host:port/database;"
                  + " Cofferdam creates and drops only its own cofferdam_* databases there.",
              "none (required for external)"),
          option(
              "--external-user",
              MigrationTest.EXTERNAL_USER_KEY,
              "<user>",
              "The user of the external provider.",
              "the driver's default"),
          option(
              "--external-password-env",
              MigrationTest.EXTERNAL_PASSWORD_ENV_KEY,
              "<variable>",
              "The environment variable holding the external provider's password.",
              "PGPASSWORD, when it is set"),
          option(
              "--embedded-settings",
              MigrationTest.EMBEDDED_SETTINGS_KEY,
              "<name=value>",
              "Server settings of the embedded provider, comma-separated, for example"
                  + " max_locks_per_transaction=256.",
              "none"),
          option(
              "--schemas",
              MigrationTest.SCHEMAS_KEY,
              "<schema>",
              "The schemas Flyway manages, comma-separated.",
              "the connection's default schema"),
          option(
              "--placeholders",
              MigrationTest.PLACEHOLDERS_KEY,
              "<name=value>",
              "Flyway placeholders, comma-separated.",
              "none"),
          option(
              "--init-sql",
              MigrationTest.INIT_SQL_KEY,
              "<sql>",
              "SQL run on every new connection Flyway opens.",
              "none"),
          option(
              "--table",
              MigrationTest.TABLE_KEY,
              "<table>",
              "Flyway's schema history table.",
              "flyway_schema_history"),
          folder(
              "--seeds",
              MigrationTest.SEEDS_KEY,
              "A folder of seed files, V<version>__<name>.sql, each run before its migration so"
                  + " that the checks have rows to bite on (docs/checks.md#seeds)."),
          folder(
              "--workflows",
              MigrationTest.WORKFLOWS_KEY,
              "A folder of SQL workflows, run after every migration; any error fails"
                  + " (docs/workflows.md)."),
          option(
              "--undo",
              MigrationTest.UNDO_KEY,
              "<mode>",
              "The undo round trip of migrations with a U<version>__ script: auto, on (and fail"
                  + " when no migration has one) or off.",
              "auto"),
          option(
              "--statement-timeout",
              MigrationTest.STATEMENT_TIMEOUT_KEY,
              "<duration>",
              "The longest a statement may run: 500ms, 30s, 5min, 1h; 0 for no limit.",
              "5min"),
          option(
              "--lock-timeout",
              MigrationTest.LOCK_TIMEOUT_KEY,
              "<duration>",
              "The longest a statement may wait for a lock; 0 for no limit.",
              "1min"),
          option(
              "--drift-url",
              MigrationTest.DRIFT_URL_KEY,
              "<jdbc-url>",
              "A live database compared, read only, with the migrated one and its Flyway history"
                  + " (docs/drift.md).",
              "none (off)"),
          option(
              "--drift-user",
              MigrationTest.DRIFT_USER_KEY,
              "<user>",
              "The user for the live database; prefer a read-only role.",
              "the driver's default"),
          option(
              "--drift-password-env",
              MigrationTest.DRIFT_PASSWORD_ENV_KEY,
              "<variable>",
              "The environment variable holding the live database's password.",
              "PGPASSWORD"));

  private static KeyOption option(
      String name, String key, String label, String description, String defaultValue) {
    return new KeyOption(name, key, label, description, defaultValue, false);
  }

  private static KeyOption folder(String name, String key, String description) {
    return new KeyOption(name, key, "<folder>", description, "none", true);
  }

  /** The help text: the description, then a line with the key and its default. */
  String[] help() {
    return new String[] {description, "Key " + key + "; default " + defaultValue + "."};
  }

  /** The option that sets a key, if one does. */
  static Optional<KeyOption> forKey(String key) {
    return ALL.stream().filter(o -> o.key.equals(key)).findFirst();
  }
}
