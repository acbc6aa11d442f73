package io.github.cofferdam.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the values of keys that are more than a string, and the nearest valid key. */
final class Values {

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*(ms|s|min|h|d)?");
  private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)?");

  /** Settings the embedded provider owns: changing them would break the server or Cofferdam. */
  static final List<String> RESERVED_SETTINGS =
      List.of("listen_addresses", "port", "data_directory", "unix_socket_directories");

  private Values() {}

  /**
   * A duration as PostgreSQL writes it: {@code 500ms}, {@code 30s}, {@code 5min}, {@code 1h},
   * {@code 1d}; a bare number is milliseconds, as in PostgreSQL; {@code 0} turns the limit off.
   *
   * @return the duration, or empty when the value is not one
   */
  static Optional<Duration> duration(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "s":
        return Optional.of(Duration.ofSeconds(n));
      case "min":
        return Optional.of(Duration.ofMinutes(n));
      case "h":
        return Optional.of(Duration.ofHours(n));
      case "d":
        return Optional.of(Duration.ofDays(n));
      default:
        return Optional.of(Duration.ofMillis(n));
    }
  }

  /** A key's duration, or the fallback with a problem added when the value is not one. */
  static Duration duration(String key, String value, String fallback, List<String> problems) {
    Optional<Duration> d = duration(value);
    if (d.isPresent()) {
      return d.get();
    }
    problems.add(
        key
            + "="
            + value
            + " is not valid; valid values: a duration such as 500ms, 30s, 5min or 1h, or 0"
            + " for no limit (default "
            + fallback
            + ")");
    return duration(fallback).orElseThrow();
  }

  /** Adds a problem when server settings are given for a provider other than embedded. */
  static void embeddedOnly(Map<String, String> settings, String provider, List<String> problems) {
    if (!settings.isEmpty() && !"embedded".equals(provider)) {
      problems.add(
          MigrationTest.EMBEDDED_SETTINGS_KEY
              + " applies to the embedded provider only, not to "
              + provider
              + "; set the server's settings where that server is configured");
    }
  }

  /**
   * Server settings as {@code name=value,name=value}, each problem added to {@code problems}.
   *
   * @param key the key, for messages
   */
  static Map<String, String> serverSettings(String key, String value, List<String> problems) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String entry : value.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq > 0 ? entry.substring(0, eq).trim().toLowerCase(Locale.ROOT) : "";
      String setting = eq > 0 ? entry.substring(eq + 1).trim() : "";
      if (!SETTING_NAME.matcher(name).matches() || setting.isEmpty()) {
        problems.add(
            key
                + ": '"
                + entry.trim()
                + "' is not valid; valid values: name=value entries separated by commas, for"
                + " example max_locks_per_transaction=256,max_connections=200");
      } else if (RESERVED_SETTINGS.contains(name)) {
        problems.add(
            key
                + ": "
                + name
                + " cannot be set; Cofferdam sets it itself (it cannot set "
                + String.join(", ", RESERVED_SETTINGS)
                + ")");
      } else if (setting.contains("'") || setting.contains("\n")) {
        problems.add(key + ": the value of " + name + " must not contain a quote or a line break");
      } else {
        settings.put(name, setting);
      }
    }
    return settings;
  }

  /** The valid key nearest to a misspelt one, when it is near enough to be meant. */
  static Optional<String> nearest(String unknown, Collection<String> valid) {
    return io.github.cofferdam.junit.internal.Names.nearest(unknown, valid);
  }

  /**
   * Instances of the classes a key names (else those of the attribute), each problem added to
   * {@code problems}.
   */
  static <T> List<T> instances(
      Optional<String> value,
      String key,
      Class<? extends T>[] attribute,
      Class<T> type,
      ClassLoader loader,
      List<String> problems) {
    List<Class<?>> classes = new ArrayList<>();
    if (value.isPresent()) {
      for (String name : value.get().split(",")) {
        if (name.isBlank()) {
          continue;
        }
        try {
          classes.add(Class.forName(name.trim(), false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
          problems.add(key + ": class " + name.trim() + " cannot be loaded (" + e + ")");
        }
      }
    } else {
      classes.addAll(Arrays.asList(attribute));
    }
    List<T> result = new ArrayList<>();
    for (Class<?> c : classes) {
      if (!type.isAssignableFrom(c)) {
        problems.add(key + ": " + c.getName() + " does not implement " + type.getName());
        continue;
      }
      try {
        var constructor = c.getDeclaredConstructor();
        constructor.setAccessible(true);
        result.add(type.cast(constructor.newInstance()));
      } catch (ReflectiveOperationException | RuntimeException e) {
        problems.add(
            key
                + ": "
                + c.getName()
                + " cannot be created with a no-argument constructor ("
                + e
                + ")");
      }
    }
    return result;
  }

  /**
   * A password: the key (or attribute) {@code key}, else the environment variable the key {@code
   * variableKey} names, else {@code PGPASSWORD} when it is set.
   */
  static String password(
      String key,
      Optional<String> given,
      String variableKey,
      Optional<String> variable,
      List<String> problems) {
    if (variable.isEmpty()) {
      return given.orElseGet(
          () -> Optional.ofNullable(System.getenv(Settings.DEFAULT_PASSWORD_ENV)).orElse(""));
    }
    if (given.isPresent()) {
      problems.add(
          key
              + " and "
              + variableKey
              + " are both set; keep one (the environment variable keeps the password out of"
              + " Surefire's reports)");
      return given.get();
    }
    String value = System.getenv(variable.get());
    if (value == null) {
      problems.add(
          variableKey
              + "="
              + variable.get()
              + " names an environment variable that is not set; set it in the environment of"
              + " the build (Surefire passes it to the forked JVM)");
      return "";
    }
    return value;
  }
}
