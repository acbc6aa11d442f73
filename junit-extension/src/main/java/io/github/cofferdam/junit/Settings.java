package io.github.cofferdam.junit;

import io.github.cofferdam.junit.internal.drift.LiveDrift;
import io.github.cofferdam.junit.internal.flyway.FlywaySettings;
import io.github.cofferdam.junit.internal.flyway.SourceFiles;
import io.github.cofferdam.junit.internal.flyway.SpringFlywayProperties;
import io.github.cofferdam.junit.internal.provider.Environment;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.safety.Policy;
import io.github.cofferdam.junit.internal.safety.UndoMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The resolved configuration of one test class: a key beats the annotation attribute, the attribute
 * beats the default. Every problem is collected and reported in one message.
 */
final class Settings {

  static final int DEFAULT_MAJOR = 17;
  static final int MIN_MAJOR = 14;
  static final int MAX_MAJOR = 18;
  static final String DEFAULT_REPORT_DIR = "target/cofferdam";

  /** Every key Cofferdam understands, besides those with the {@code cofferdam.flyway.} prefix. */
  static final Set<String> KEYS =
      Collections.unmodifiableSet(
          new TreeSet<>(
              List.of(
                  MigrationTest.LOCATIONS_KEY,
                  MigrationTest.SOURCE_KEY,
                  MigrationTest.ENVIRONMENT_KEY,
                  MigrationTest.SCHEMAS_KEY,
                  MigrationTest.PLACEHOLDERS_KEY,
                  MigrationTest.INIT_SQL_KEY,
                  MigrationTest.TABLE_KEY,
                  MigrationTest.JAVA_MIGRATIONS_KEY,
                  MigrationTest.CALLBACKS_KEY,
                  MigrationTest.PROVIDER_KEY,
                  MigrationTest.POSTGRES_VERSION_KEY,
                  MigrationTest.CONTAINER_IMAGE_KEY,
                  MigrationTest.CONTAINER_NETWORK_KEY,
                  MigrationTest.EXTERNAL_URL_KEY,
                  MigrationTest.EXTERNAL_USER_KEY,
                  MigrationTest.EXTERNAL_PASSWORD_KEY,
                  MigrationTest.REPORT_DIR_KEY,
                  MigrationTest.SEEDS_KEY,
                  MigrationTest.BASELINE_KEY,
                  MigrationTest.RULES_KEY,
                  MigrationTest.WORKFLOWS_KEY,
                  MigrationTest.UNDO_KEY,
                  MigrationTest.STATEMENT_TIMEOUT_KEY,
                  MigrationTest.LOCK_TIMEOUT_KEY,
                  MigrationTest.EMBEDDED_SETTINGS_KEY,
                  MigrationTest.EXTERNAL_PASSWORD_ENV_KEY,
                  MigrationTest.DRIFT_URL_KEY,
                  MigrationTest.DRIFT_USER_KEY,
                  MigrationTest.DRIFT_PASSWORD_KEY,
                  MigrationTest.DRIFT_PASSWORD_ENV_KEY,
                  MigrationTest.EXPECTED_SCHEMA_KEY,
                  MigrationTest.SCHEMA_UPDATE_KEY)));

  /** A CI job's migrations rarely run a statement longer; a hang ends well before a CI timeout. */
  static final String DEFAULT_STATEMENT_TIMEOUT = "5min";

  /** Nothing else works in a walk's database: a wait this long is a lock that never frees. */
  static final String DEFAULT_LOCK_TIMEOUT = "1min";

  /** The environment variable read for the external password when no other is given. */
  static final String DEFAULT_PASSWORD_ENV = "PGPASSWORD";

  private final ServerSpec server;
  private final FlywaySettings flyway;
  private final Path reportDir;
  private final String seeds;
  private final Policy policy;
  private final String workflows;
  private final Duration statementTimeout;
  private final Duration lockTimeout;
  private final LiveDrift.Target drift;
  private final Environment environment;
  private final UndoMode undo;
  private final ExpectedSchema.Target expectedSchema;

  private Settings(
      ServerSpec server,
      FlywaySettings flyway,
      Path reportDir,
      String seeds,
      Policy policy,
      String workflows,
      Duration[] timeouts,
      LiveDrift.Target drift,
      Environment environment,
      UndoMode undo,
      ExpectedSchema.Target expectedSchema) {
    this.server = server;
    this.flyway = flyway;
    this.reportDir = reportDir;
    this.seeds = seeds;
    this.policy = policy;
    this.workflows = workflows;
    this.statementTimeout = timeouts[0];
    this.lockTimeout = timeouts[1];
    this.drift = drift;
    this.environment = environment;
    this.undo = undo;
    this.expectedSchema = expectedSchema;
  }

  /** The expected-schema file and whether to rewrite it; {@code file} empty when there is none. */
  ExpectedSchema.Target expectedSchema() {
    return expectedSchema;
  }

  /** Whether the walk runs undo round trips. */
  UndoMode undo() {
    return undo;
  }

  /** The statement timeout of every connection of the walk; zero for none. */
  Duration statementTimeout() {
    return statementTimeout;
  }

  /** The lock timeout of every connection of the walk; zero for none. */
  Duration lockTimeout() {
    return lockTimeout;
  }

  /** The location of SQL workflows, or empty. */
  String workflows() {
    return workflows;
  }

  /** The seed location, or empty. */
  String seeds() {
    return seeds;
  }

  Policy policy() {
    return policy;
  }

  ServerSpec server() {
    return server;
  }

  FlywaySettings flyway() {
    return flyway;
  }

  /** The live database of the drift check; {@link LiveDrift.Target#none()} when it is off. */
  LiveDrift.Target drift() {
    return drift;
  }

  Path reportDir() {
    return reportDir;
  }

  /** What the database holds before the first migration. */
  Environment environment() {
    return environment;
  }

  /**
   * Resolves the settings of a test class.
   *
   * @param annotation the nearest {@code @MigrationTest}
   * @param parameters JUnit configuration parameters (which include system properties and {@code
   *     junit-platform.properties})
   * @param testClass the class, for messages and its class loader
   * @throws ExtensionConfigurationException listing every problem and the valid choices
   */
  static Settings resolve(
      MigrationTest annotation, Function<String, Optional<String>> parameters, Class<?> testClass) {
    Resolver r = new Resolver(annotation, parameters, testClass.getClassLoader());
    r.unknownKeys();
    ServerSpec server = r.server();
    // a Spring Boot project's spring.flyway.* settings lie beneath the keys and attributes
    FlywaySettings flyway =
        SpringFlywayProperties.read(testClass.getClassLoader(), r.problems::add)
            .beneath(r.flyway());
    Path reportDir =
        Path.of(r.string(MigrationTest.REPORT_DIR_KEY, annotation.reportDir(), DEFAULT_REPORT_DIR));
    String seeds = r.string(MigrationTest.SEEDS_KEY, annotation.seeds(), "");
    Policy policy = r.policy(testClass);
    String workflows = r.string(MigrationTest.WORKFLOWS_KEY, annotation.workflows(), "");
    Duration[] timeouts = {
      r.duration(MigrationTest.STATEMENT_TIMEOUT_KEY, DEFAULT_STATEMENT_TIMEOUT),
      r.duration(MigrationTest.LOCK_TIMEOUT_KEY, DEFAULT_LOCK_TIMEOUT)
    };
    LiveDrift.Target drift = r.drift();
    Environment environment = r.environment(flyway.source());
    UndoMode undo = r.undo();
    ExpectedSchema.Target expectedSchema = r.expectedSchema();
    if (!r.problems.isEmpty()) {
      throw new ExtensionConfigurationException(
          "Invalid Cofferdam configuration for "
              + testClass.getName()
              + ":\n  - "
              + String.join("\n  - ", r.problems)
              + "\nSee docs/configuration.md for every key, its default and an example.");
    }
    return new Settings(
        server,
        flyway,
        reportDir,
        seeds,
        policy,
        workflows,
        timeouts,
        drift,
        environment,
        undo,
        expectedSchema);
  }

  /** Collects values and problems. */
  private static final class Resolver {
    private final MigrationTest annotation;
    private final KeySources sources;
    private final ClassLoader loader;
    private final List<String> problems = new ArrayList<>();

    Resolver(
        MigrationTest annotation,
        Function<String, Optional<String>> parameters,
        ClassLoader loader) {
      this.annotation = annotation;
      this.sources = new KeySources(parameters, loader);
      this.loader = loader;
    }

    /** A key's value, from the first of the sources that has it (see {@link KeySources}). */
    Optional<String> key(String key) {
      return sources.value(key);
    }

    String string(String key, String attribute, String fallback) {
      return key(key).orElse(attribute.isBlank() ? fallback : attribute.trim());
    }

    Duration duration(String key, String fallback) {
      return Values.duration(key, key(key).orElse(fallback), fallback, problems);
    }

    List<String> list(String key, String[] attribute) {
      Optional<String> value = key(key);
      List<String> raw =
          value.map(v -> Arrays.asList(v.split(","))).orElse(Arrays.asList(attribute));
      return raw.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    void unknownKeys() {
      Map<String, String> seen = new LinkedHashMap<>();
      for (String name : new TreeSet<>(System.getProperties().stringPropertyNames())) {
        seen.putIfAbsent(name, "system property");
      }
      for (Map.Entry<String, String> e : sources.propertiesFiles().entrySet()) {
        seen.putIfAbsent(e.getKey(), e.getValue());
      }
      for (Map.Entry<String, String> e : seen.entrySet()) {
        String name = e.getKey();
        if (!name.startsWith("cofferdam.") || KEYS.contains(name)) {
          continue;
        }
        if (name.startsWith(MigrationTest.FLYWAY_KEY_PREFIX)
            && name.length() > MigrationTest.FLYWAY_KEY_PREFIX.length()) {
          continue;
        }
        problems.add(
            "unknown key "
                + name
                + " (from "
                + e.getValue()
                + "); "
                + Values.nearest(name, KEYS).map(k -> "did you mean " + k + "? ").orElse("")
                + "valid keys: "
                + String.join(", ", KEYS)
                + ", and "
                + MigrationTest.FLYWAY_KEY_PREFIX
                + "<any Flyway property>");
      }
    }

    ServerSpec server() {
      String provider = provider();
      boolean versionGiven =
          key(MigrationTest.POSTGRES_VERSION_KEY).isPresent() || annotation.postgresVersion() != 0;
      int major = major();
      String image =
          string(
              MigrationTest.CONTAINER_IMAGE_KEY, annotation.containerImage(), "postgres:" + major);
      String network = network();
      String url = string(MigrationTest.EXTERNAL_URL_KEY, annotation.externalUrl(), "");
      String user = string(MigrationTest.EXTERNAL_USER_KEY, annotation.externalUser(), "");
      String password =
          Values.password(
              MigrationTest.EXTERNAL_PASSWORD_KEY,
              key(MigrationTest.EXTERNAL_PASSWORD_KEY)
                  .or(() -> Optional.of(annotation.externalPassword()).filter(p -> !p.isEmpty())),
              MigrationTest.EXTERNAL_PASSWORD_ENV_KEY,
              key(MigrationTest.EXTERNAL_PASSWORD_ENV_KEY),
              problems);
      Map<String, String> settings =
          Values.serverSettings(
              MigrationTest.EMBEDDED_SETTINGS_KEY,
              key(MigrationTest.EMBEDDED_SETTINGS_KEY).orElse(""),
              problems);
      Values.embeddedOnly(settings, provider, problems);
      if ("external".equals(provider)) {
        externalUrl(url);
      }
      return new ServerSpec(
          provider, major, versionGiven, image, network, url, user, password, settings);
    }

    /** The provider, in lower case; a problem when it is not one of the three. */
    private String provider() {
      String provider =
          key(MigrationTest.PROVIDER_KEY)
              .orElse(
                  annotation.provider() == MigrationTest.Provider.DEFAULT
                      ? "embedded"
                      : annotation.provider().name())
              .toLowerCase(Locale.ROOT);
      if (!List.of("embedded", "container", "external").contains(provider)) {
        problems.add(
            MigrationTest.PROVIDER_KEY
                + "="
                + provider
                + " is not valid; valid values: embedded, container, external");
      }
      return provider;
    }

    /**
     * The PostgreSQL major version; the default (and a problem) when the one given is not valid.
     */
    private int major() {
      int major = DEFAULT_MAJOR;
      String version =
          key(MigrationTest.POSTGRES_VERSION_KEY)
              .orElse(
                  annotation.postgresVersion() == 0
                      ? ""
                      : String.valueOf(annotation.postgresVersion()));
      if (!version.isEmpty()) {
        try {
          major = Integer.parseInt(version);
        } catch (NumberFormatException e) {
          major = -1;
        }
        if (major < MIN_MAJOR || major > MAX_MAJOR) {
          problems.add(
              MigrationTest.POSTGRES_VERSION_KEY
                  + "="
                  + version
                  + " is not valid; valid values: a PostgreSQL major version from "
                  + MIN_MAJOR
                  + " to "
                  + MAX_MAJOR
                  + " (default "
                  + DEFAULT_MAJOR
                  + ")");
          major = DEFAULT_MAJOR;
        }
      }
      return major;
    }

    /** The container's network mode, in lower case; a problem when it is not bridge or host. */
    private String network() {
      String network =
          string(MigrationTest.CONTAINER_NETWORK_KEY, annotation.containerNetwork(), "bridge")
              .toLowerCase(Locale.ROOT);
      if (!List.of("bridge", "host").contains(network)) {
        problems.add(
            MigrationTest.CONTAINER_NETWORK_KEY
                + "="
                + network
                + " is not valid; valid values: bridge, host");
      }
      return network;
    }

    /** Adds a problem when the external provider's URL is missing or not a PostgreSQL JDBC URL. */
    private void externalUrl(String url) {
      if (url.isEmpty()) {
        problems.add(
            "the external provider needs "
                + MigrationTest.EXTERNAL_URL_KEY
                + " (for example jdbc:postgresql://127.0.0.1:5432/postgres): the URL of a server"
                + " you declare disposable");
      } else if (!url.startsWith("jdbc:postgresql://")) {
        problems.add(
            MigrationTest.EXTERNAL_URL_KEY
                + "="
                + ServerSpec.redact(url)
                + " is not valid; valid values: a JDBC URL starting with jdbc:postgresql://");
      }
    }

    /** Whether undo round trips run; a problem for a value that is not one of the three. */
    UndoMode undo() {
      String value =
          string(MigrationTest.UNDO_KEY, annotation.undo(), UndoMode.AUTO.value())
              .trim()
              .toLowerCase(Locale.ROOT);
      for (UndoMode mode : UndoMode.values()) {
        if (mode.value().equals(value)) {
          return mode;
        }
      }
      problems.add(
          MigrationTest.UNDO_KEY
              + "="
              + value
              + " is not valid; valid values: auto (the default: an undo round trip for every"
              + " migration with a U<version>__ script), on (the same, and fail when there is no"
              + " undo script at all), off");
      return UndoMode.AUTO;
    }

    /** The expected-schema file and the update switch; a problem for an update not true/false. */
    ExpectedSchema.Target expectedSchema() {
      String file =
          string(MigrationTest.EXPECTED_SCHEMA_KEY, annotation.expectedSchema(), "").trim();
      String update = key(MigrationTest.SCHEMA_UPDATE_KEY).orElse("false").trim();
      if (!update.equalsIgnoreCase("true") && !update.equalsIgnoreCase("false")) {
        problems.add(
            MigrationTest.SCHEMA_UPDATE_KEY
                + "="
                + update
                + " is not valid; valid values: true (rewrite the file of "
                + MigrationTest.EXPECTED_SCHEMA_KEY
                + " instead of comparing), false (the default)");
      }
      return new ExpectedSchema.Target(file, update.equalsIgnoreCase("true"));
    }

    /** The drift check's live database; a problem for a URL that is not PostgreSQL's. */
    LiveDrift.Target drift() {
      String url = key(MigrationTest.DRIFT_URL_KEY).orElse("").trim();
      if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
        problems.add(
            MigrationTest.DRIFT_URL_KEY
                + "="
                + ServerSpec.redact(url)
                + " is not valid; valid values: a JDBC URL starting with jdbc:postgresql://");
      }
      String user = key(MigrationTest.DRIFT_USER_KEY).orElse("");
      String password =
          url.isEmpty()
              ? ""
              : Values.password(
                  MigrationTest.DRIFT_PASSWORD_KEY,
                  key(MigrationTest.DRIFT_PASSWORD_KEY),
                  MigrationTest.DRIFT_PASSWORD_ENV_KEY,
                  key(MigrationTest.DRIFT_PASSWORD_ENV_KEY),
                  problems);
      return new LiveDrift.Target(url, user, password);
    }

    Policy policy(Class<?> testClass) {
      String baseline = string(MigrationTest.BASELINE_KEY, annotation.baseline(), "");
      if (!baseline.isEmpty() && !baseline.matches("[0-9]+([._][0-9]+)*")) {
        problems.add(
            MigrationTest.BASELINE_KEY
                + "="
                + baseline
                + " is not valid; valid values: a migration version such as 57 or 1.2");
        baseline = "";
      }
      List<Policy.Allowance> allowances = new ArrayList<>();
      for (Allow allow : AnnotationSupport.findRepeatableAnnotations(testClass, Allow.class)) {
        if (Rule.byId(allow.rule()).isEmpty()) {
          problems.add(
              "@Allow(rule = \"" + allow.rule() + "\") is not valid; valid rules: " + Rule.ids());
        } else if (allow.reason().isBlank()) {
          problems.add(
              "@Allow(rule = \""
                  + allow.rule()
                  + "\", migration = \""
                  + allow.migration()
                  + "\") needs a reason: it is printed in the report");
        } else {
          allowances.add(
              new Policy.Allowance(
                  allow.rule(), allow.migration(), allow.object(), allow.reason()));
        }
      }
      return new Policy(
          Policy.severities(list(MigrationTest.RULES_KEY, annotation.rules()), problems),
          baseline,
          allowances);
    }

    FlywaySettings flyway() {
      Map<String, String> placeholders = placeholders();
      Map<String, String> properties = flywayProperties();
      List<JavaMigration> javaMigrations =
          Values.instances(
              key(MigrationTest.JAVA_MIGRATIONS_KEY),
              MigrationTest.JAVA_MIGRATIONS_KEY,
              annotation.javaMigrations(),
              JavaMigration.class,
              loader,
              problems);
      List<Callback> callbacks =
          Values.instances(
              key(MigrationTest.CALLBACKS_KEY),
              MigrationTest.CALLBACKS_KEY,
              annotation.callbacks(),
              Callback.class,
              loader,
              problems);
      return new FlywaySettings(
          list(MigrationTest.LOCATIONS_KEY, annotation.locations()),
          list(MigrationTest.SCHEMAS_KEY, annotation.schemas()),
          placeholders,
          string(MigrationTest.INIT_SQL_KEY, annotation.initSql(), ""),
          string(MigrationTest.TABLE_KEY, annotation.table(), ""),
          javaMigrations,
          callbacks,
          properties,
          loader,
          source());
    }

    /** The source of the migrations; a problem when it is not one Cofferdam reads. */
    private String source() {
      String source = string(MigrationTest.SOURCE_KEY, annotation.source(), SourceFiles.FLYWAY);
      if (!SourceFiles.SOURCES.contains(source)) {
        problems.add(
            "source '"
                + source
                + "' is not valid; valid values: "
                + String.join(", ", SourceFiles.SOURCES)
                + " (key "
                + MigrationTest.SOURCE_KEY
                + " or attribute source)");
        return SourceFiles.FLYWAY;
      }
      return source;
    }

    /** The environment; the source's default when none is given, a problem for a bad value. */
    Environment environment(String source) {
      Optional<String> given =
          key(MigrationTest.ENVIRONMENT_KEY)
              .or(() -> Optional.of(annotation.environment()).filter(e -> !e.isBlank()));
      if (given.isEmpty()) {
        return Environment.defaultFor(source);
      }
      Environment environment = Environment.of(given.get());
      if (environment == null) {
        problems.add(
            "environment '"
                + given.get().trim()
                + "' is not valid; valid values: "
                + String.join(", ", Environment.names())
                + " (key "
                + MigrationTest.ENVIRONMENT_KEY
                + " or attribute environment; default supabase for source=supabase, else none)");
        return Environment.NONE;
      }
      return environment;
    }

    /** The placeholders given as name=value; a problem for each entry that is not one. */
    private Map<String, String> placeholders() {
      Map<String, String> placeholders = new LinkedHashMap<>();
      for (String p : list(MigrationTest.PLACEHOLDERS_KEY, annotation.placeholders())) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          problems.add(
              "placeholder '"
                  + p
                  + "' is not valid; valid values: name=value (key "
                  + MigrationTest.PLACEHOLDERS_KEY
                  + " or attribute placeholders)");
        } else {
          placeholders.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
      }
      return placeholders;
    }

    /**
     * The Flyway properties: the attribute's {@code flyway.*} entries, then the keys with the
     * Flyway prefix, which win; a problem for each entry that is not one, and for a bad lock mode.
     */
    private Map<String, String> flywayProperties() {
      Map<String, String> properties = new LinkedHashMap<>();
      for (String entry : annotation.flyway()) {
        int eq = entry.indexOf('=');
        String name = eq > 0 ? entry.substring(0, eq).trim() : "";
        if (!name.startsWith("flyway.") || name.length() == "flyway.".length()) {
          problems.add(
              "flyway entry '"
                  + entry
                  + "' is not valid; valid values: flyway.<property>=<value>, for example"
                  + " flyway.validateMigrationNaming=true");
        } else {
          properties.put(name, entry.substring(eq + 1).trim());
        }
      }
      for (String name : sources.flywayKeys()) {
        key(name)
            .ifPresent(
                v ->
                    properties.put(
                        "flyway." + name.substring(MigrationTest.FLYWAY_KEY_PREFIX.length()), v));
      }
      String lock = properties.get(FlywaySettings.TRANSACTIONAL_LOCK);
      if (lock != null) {
        try {
          FlywaySettings.transactionalLock(lock);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      return properties;
    }
  }
}
