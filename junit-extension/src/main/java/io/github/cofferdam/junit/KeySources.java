package io.github.cofferdam.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the value of a key comes from: a JUnit configuration parameter, a system property or an
 * entry of a {@code junit-platform.properties} file. The files are read once, when first needed.
 */
final class KeySources {

  private final Function<String, Optional<String>> parameters;
  private final ClassLoader loader;
  private Map<String, String> fileValues;

  KeySources(Function<String, Optional<String>> parameters, ClassLoader loader) {
    this.parameters = parameters;
    this.loader = loader;
  }

  /**
   * A key's value: a JUnit configuration parameter, else a system property, else an entry of {@code
   * junit-platform.properties}. JUnit's launcher already falls back the same way; doing it here too
   * keeps every launcher (IDEs, EngineTestKit) consistent.
   */
  Optional<String> value(String key) {
    return parameters
        .apply(key)
        .or(() -> Optional.ofNullable(System.getProperty(key)))
        .or(() -> Optional.ofNullable(propertiesFileValues().get(key)))
        .map(String::trim);
  }

  /** Each entry of the {@code junit-platform.properties} files; the first file's wins. */
  private Map<String, String> propertiesFileValues() {
    if (fileValues == null) {
      fileValues = new LinkedHashMap<>();
      forEachPropertiesFile(
          (url, p) ->
              p.stringPropertyNames().forEach(n -> fileValues.putIfAbsent(n, p.getProperty(n))));
    }
    return fileValues;
  }

  /** Each key of the {@code junit-platform.properties} files and the file it is in. */
  Map<String, String> propertiesFiles() {
    Map<String, String> keys = new LinkedHashMap<>();
    forEachPropertiesFile(
        (url, p) ->
            new TreeSet<>(p.stringPropertyNames())
                .forEach(n -> keys.putIfAbsent(n, url.toString())));
    return keys;
  }

  private void forEachPropertiesFile(BiConsumer<URL, Properties> action) {
    try {
      Enumeration<URL> files = loader.getResources("junit-platform.properties");
      while (files.hasMoreElements()) {
        URL url = files.nextElement();
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
          p.load(in);
        }
        action.accept(url, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read junit-platform.properties", e);
    }
  }

  /** Keys with the Flyway prefix that are set as system properties or in properties files. */
  Set<String> flywayKeys() {
    Set<String> names = new TreeSet<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(MigrationTest.FLYWAY_KEY_PREFIX)) {
        names.add(name);
      }
    }
    for (String name : propertiesFileValues().keySet()) {
      if (name.startsWith(MigrationTest.FLYWAY_KEY_PREFIX)) {
        names.add(name);
      }
    }
    return names;
  }
}
