package io.github.cofferdam.junit.internal.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Spring Boot's own configuration files on the test classpath, read without Spring: {@code
 * config/application.*} before {@code application.*}, and in one place {@code .properties} before
 * {@code .yml} before {@code .yaml}, as Spring Boot orders them. YAML is read with SnakeYAML,
 * reflectively and only when it is on the classpath (Spring Boot always brings it).
 */
final class SpringConfigFiles {

  /** The files, the one that wins first. */
  static final List<String> NAMES =
      List.of(
          "config/application.properties",
          "config/application.yml",
          "config/application.yaml",
          "application.properties",
          "application.yml",
          "application.yaml");

  static final String YAML_CLASS = "org.yaml.snakeyaml.Yaml";

  /** One flattened key: its value and the file it came from. */
  record Entry(String value, String source) {}

  private SpringConfigFiles() {}

  /**
   * Every key of every file, flattened the way Spring names them ({@code a.b[0].c}); a key of an
   * earlier file wins.
   */
  static Map<String, Entry> read(ClassLoader loader, Consumer<String> problems) {
    Map<String, Entry> all = new LinkedHashMap<>();
    for (String name : NAMES) {
      URL url = loader.getResource(name);
      if (url == null) {
        continue;
      }
      Map<String, String> keys =
          name.endsWith(".properties")
              ? properties(url, problems)
              : yaml(url, name, loader, problems);
      keys.forEach((k, v) -> all.putIfAbsent(k, new Entry(v, name)));
    }
    return all;
  }

  private static Map<String, String> properties(URL url, Consumer<String> problems) {
    Properties p = new Properties();
    try (InputStream in = url.openStream()) {
      // Spring Boot reads application.properties as UTF-8 too
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      problems.accept("cannot read " + url + " (" + e.getMessage() + ")");
      return Map.of();
    }
    Map<String, String> keys = new LinkedHashMap<>();
    new java.util.TreeSet<>(p.stringPropertyNames()).forEach(n -> keys.put(n, p.getProperty(n)));
    return keys;
  }

  private static Map<String, String> yaml(
      URL url, String name, ClassLoader loader, Consumer<String> problems) {
    Class<?> yamlClass;
    try {
      yamlClass = Class.forName(YAML_CLASS, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      if (mentionsFlyway(url)) {
        problems.accept(
            name
                + " on the test classpath has Flyway settings, but SnakeYAML"
                + " (org.yaml:snakeyaml) is not on the test classpath to read them; add it as a"
                + " test dependency (Spring Boot brings it), or give the settings as cofferdam.*"
                + " keys or application.properties");
      }
      return Map.of();
    }
    Map<String, String> keys = new LinkedHashMap<>();
    try (InputStream in = url.openStream()) {
      Object yaml = yamlClass.getConstructor().newInstance();
      Iterable<?> documents =
          (Iterable<?>) yamlClass.getMethod("loadAll", InputStream.class).invoke(yaml, in);
      for (Object document : documents) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", document, flat);
        if (activatedElsewhere(flat)) {
          continue;
        }
        flat.forEach(keys::putIfAbsent);
      }
    } catch (InvocationTargetException e) {
      problems.accept("cannot read " + url + " as YAML (" + e.getCause() + ")");
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      problems.accept("cannot read " + url + " as YAML (" + e + ")");
    }
    return keys;
  }

  /**
   * A document that applies only to a profile or a cloud platform: Cofferdam reads no profile, so
   * it keeps to the documents that always apply.
   */
  private static boolean activatedElsewhere(Map<String, String> flat) {
    return flat.keySet().stream()
        .anyMatch(k -> k.startsWith("spring.config.activate.") || k.startsWith("spring.profiles"));
  }

  private static void flatten(String prefix, Object node, Map<String, String> into) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        flatten(prefix.isEmpty() ? key : prefix + "." + key, e.getValue(), into);
      }
    } else if (node instanceof List<?> list) {
      List<?> items = new ArrayList<>(list);
      for (int i = 0; i < items.size(); i++) {
        flatten(prefix + "[" + i + "]", items.get(i), into);
      }
    } else if (!prefix.isEmpty()) {
      into.put(prefix, node == null ? "" : String.valueOf(node));
    }
  }

  /** Whether the file may hold {@code spring.flyway.*} (another framework's file does not). */
  private static boolean mentionsFlyway(URL url) {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.contains("spring") && text.contains("flyway");
    } catch (IOException e) {
      return true;
    }
  }
}
