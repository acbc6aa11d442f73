package io.github.cofferdam.junit.internal.flyway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot project's own Flyway settings ({@code spring.flyway.*} in {@code
 * application.properties} or {@code application.yml} on the test classpath, or as system
 * properties), read without Spring, so that a Boot project needs nothing but the annotation. They
 * sit beneath Cofferdam's own configuration: a {@code cofferdam.*} key or an attribute of
 * {@code @MigrationTest} wins.
 */
public final class SpringFlywayProperties {

  static final String PREFIX = "spring.flyway.";

  /**
   * Spring's property names (relaxed: lower case, no dashes) that become a Flyway property of the
   * same meaning; the others that Cofferdam reads are locations, schemas, table, init-sqls and
   * placeholders.
   */
  private static final Map<String, String> FLYWAY_NAMES = flywayNames();

  /** The settings that Spring binds to a list. */
  private static final java.util.Set<String> LISTS =
      java.util.Set.of(
          "locations",
          "schemas",
          "initSqls",
          "flyway.sqlMigrationSuffixes",
          "flyway.ignoreMigrationPatterns");

  private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

  /** How a reference begins. */
  private static final String REFERENCE_START = "${";

  private final List<String> locations;
  private final List<String> schemas;
  private final String table;
  private final String initSql;
  private final Map<String, String> placeholders;
  private final Map<String, String> properties;

  private SpringFlywayProperties(
      List<String> locations,
      List<String> schemas,
      String table,
      String initSql,
      Map<String, String> placeholders,
      Map<String, String> properties) {
    this.locations = List.copyOf(locations);
    this.schemas = List.copyOf(schemas);
    this.table = table;
    this.initSql = initSql;
    this.placeholders = Map.copyOf(placeholders);
    this.properties = Map.copyOf(properties);
  }

  /**
   * Reads the settings a Spring Boot test would give Flyway.
   *
   * @param loader the test class's class loader
   * @param problems receives a message for each setting that cannot be used
   */
  public static SpringFlywayProperties read(ClassLoader loader, Consumer<String> problems) {
    Map<String, SpringConfigFiles.Entry> all = new LinkedHashMap<>();
    for (String name : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
      all.put(name, new SpringConfigFiles.Entry(System.getProperty(name), "system property"));
    }
    SpringConfigFiles.read(loader, problems).forEach(all::putIfAbsent);
    // target -> index -> value; a plain value has index -1 and comes first
    Map<String, TreeMap<Integer, String>> values = new TreeMap<>();
    Map<String, String> placeholders = new TreeMap<>();
    for (Map.Entry<String, SpringConfigFiles.Entry> e : all.entrySet()) {
      if (e.getKey().startsWith(PREFIX)) {
        collect(e.getKey(), e.getValue(), all, values, placeholders, problems);
      }
    }
    Map<String, List<String>> lists = new TreeMap<>();
    values.forEach((target, byIndex) -> lists.put(target, items(target, byIndex)));
    Map<String, String> properties = new TreeMap<>();
    lists.forEach(
        (target, items) -> {
          if (target.startsWith("flyway.")) {
            properties.put(target, String.join(",", items));
          }
        });
    String lock = properties.get(FlywaySettings.TRANSACTIONAL_LOCK);
    if (lock != null) {
      try {
        FlywaySettings.transactionalLock(lock);
      } catch (IllegalArgumentException ex) {
        problems.accept(PREFIX + "postgresql.transactional-lock: " + ex.getMessage());
        properties.remove(FlywaySettings.TRANSACTIONAL_LOCK);
      }
    }
    return new SpringFlywayProperties(
        lists.getOrDefault("locations", List.of()).stream().map(l -> vendor(l)).toList(),
        lists.getOrDefault("schemas", List.of()),
        String.join(",", lists.getOrDefault("table", List.of())),
        String.join("\n", lists.getOrDefault("initSqls", List.of())),
        placeholders,
        properties);
  }

  /** Files one {@code spring.flyway.*} key under its target, if Cofferdam reads it. */
  private static void collect(
      String key,
      SpringConfigFiles.Entry entry,
      Map<String, SpringConfigFiles.Entry> all,
      Map<String, TreeMap<Integer, String>> values,
      Map<String, String> placeholders,
      Consumer<String> problems) {
    String name = key.substring(PREFIX.length());
    String relaxed = relaxed(name);
    boolean placeholder =
        relaxed.startsWith("placeholders.") || relaxed.startsWith("placeholders[");
    Matcher indexed = INDEXED.matcher(relaxed);
    String base = indexed.matches() ? indexed.group(1) : relaxed;
    if (!placeholder && !FLYWAY_NAMES.containsKey(base)) {
      return; // not for Cofferdam: url, user, password, enabled, ... (docs/configuration.md)
    }
    Optional<String> value = resolve(key, entry, all, problems);
    if (value.isEmpty()) {
      return;
    }
    if (placeholder) {
      placeholders.put(placeholderName(name), value.get());
    } else {
      int index = indexed.matches() ? Integer.parseInt(indexed.group(2)) : -1;
      values.computeIfAbsent(FLYWAY_NAMES.get(base), k -> new TreeMap<>()).put(index, value.get());
    }
  }

  /** A setting's values in index order; like Spring, a plain value of a list is comma-separated. */
  private static List<String> items(String target, Map<Integer, String> byIndex) {
    List<String> items = new ArrayList<>();
    byIndex.forEach(
        (index, v) -> {
          if (index < 0 && LISTS.contains(target)) {
            items.addAll(split(v));
          } else {
            items.add(v.trim());
          }
        });
    return items;
  }

  /**
   * These settings beneath a test class's own: each of its locations, schemas, table and init SQL
   * replaces Spring's when it has one, and its placeholders and Flyway properties win name by name.
   */
  public FlywaySettings beneath(FlywaySettings own) {
    Map<String, String> mergedPlaceholders = new LinkedHashMap<>(placeholders);
    mergedPlaceholders.putAll(own.placeholders());
    Map<String, String> mergedProperties = new LinkedHashMap<>(properties);
    mergedProperties.putAll(own.properties());
    return new FlywaySettings(
        own.locations().isEmpty() && SourceFiles.FLYWAY.equals(own.source())
            ? locations
            : own.locations(),
        own.schemas().isEmpty() ? schemas : own.schemas(),
        mergedPlaceholders,
        own.initSql().isEmpty() ? initSql : own.initSql(),
        own.table().isEmpty() ? table : own.table(),
        own.javaMigrations(),
        own.callbacks(),
        mergedProperties,
        own.classLoader(),
        own.source());
  }

  /** Spring's relaxed form of a name: lower case, without dashes and underscores. */
  static String relaxed(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** {@code placeholders.owner} or {@code placeholders[owner]}: the name as written. */
  private static String placeholderName(String name) {
    String rest = name.substring("placeholders".length());
    if (rest.startsWith("[") && rest.endsWith("]")) {
      return rest.substring(1, rest.length() - 1);
    }
    return rest.substring(1);
  }

  /** Spring Boot's {@code {vendor}} in a location: the database's, here always PostgreSQL's. */
  private static String vendor(String location) {
    return location.replace("{vendor}", "postgresql");
  }

  private static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return parts;
  }

  /**
   * The value with Spring's {@code ${name}} and {@code ${name:default}} references replaced, from
   * the same files, system properties or the environment; empty (and a problem) when one is unset.
   */
  private static Optional<String> resolve(
      String key,
      SpringConfigFiles.Entry entry,
      Map<String, SpringConfigFiles.Entry> all,
      Consumer<String> problems) {
    String value = entry.value();
    for (int depth = 0; depth < 10 && value.contains(REFERENCE_START); depth++) {
      Matcher m = REFERENCE.matcher(value);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1).trim();
        String found = referenced(name, all).orElse(m.group(2));
        if (found == null) {
          problems.accept(unsetReference(key, entry, name));
          return Optional.empty();
        }
        m.appendReplacement(out, Matcher.quoteReplacement(found));
      }
      m.appendTail(out);
      value = out.toString();
    }
    return Optional.of(value);
  }

  /** The value of a referenced name: from the same files or system properties, else the env. */
  private static Optional<String> referenced(
      String name, Map<String, SpringConfigFiles.Entry> all) {
    return Optional.ofNullable(all.get(name))
        .map(SpringConfigFiles.Entry::value)
        .or(() -> Optional.ofNullable(System.getenv(name)))
        .or(() -> Optional.ofNullable(System.getenv(envName(name))));
  }

  /** The problem of a setting that refers to a name that is not set. */
  private static String unsetReference(String key, SpringConfigFiles.Entry entry, String name) {
    return key
        + "="
        + entry.value()
        + " (from "
        + entry.source()
        + ") refers to ${"
        + name
        + "}, which is not set; set it as a system property or an environment variable,"
        + " give it a default (${"
        + name
        + ":value}), or give this setting as a cofferdam.* key";
  }

  /** Spring's environment-variable form of a property name: {@code DB_OWNER} for db.owner. */
  private static String envName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Map<String, String> flywayNames() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("locations", "locations");
    names.put("schemas", "schemas");
    names.put("table", "table");
    names.put("initsqls", "initSqls");
    for (String flyway :
        List.of(
            "defaultSchema",
            "createSchemas",
            "tablespace",
            "baselineVersion",
            "baselineDescription",
            "baselineOnMigrate",
            "encoding",
            "target",
            "outOfOrder",
            "validateOnMigrate",
            "validateMigrationNaming",
            "ignoreMigrationPatterns",
            "failOnMissingLocations",
            "group",
            "mixed",
            "installedBy",
            "executeInTransaction",
            "placeholderReplacement",
            "placeholderPrefix",
            "placeholderSuffix",
            "placeholderSeparator",
            "scriptPlaceholderPrefix",
            "scriptPlaceholderSuffix",
            "sqlMigrationPrefix",
            "sqlMigrationSeparator",
            "sqlMigrationSuffixes",
            "repeatableSqlMigrationPrefix",
            "skipDefaultCallbacks",
            "skipDefaultResolvers",
            "lockRetryCount")) {
      names.put(relaxed(flyway), "flyway." + flyway);
    }
    names.put("postgresql.transactionallock", FlywaySettings.TRANSACTIONAL_LOCK);
    return Map.copyOf(names);
  }
}
