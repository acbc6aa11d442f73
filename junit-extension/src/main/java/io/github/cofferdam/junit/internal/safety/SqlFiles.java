package io.github.cofferdam.junit.internal.safety;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.Scanner;

/** The {@code .sql} files of a location, read with Flyway's own scanner, sorted by file name. */
public final class SqlFiles {

  private SqlFiles() {}

  /** The files as resources, sorted by file name. */
  static List<LoadableResource> resources(String location, String key, ClassLoader loader) {
    FluentConfiguration config = Flyway.configure(loader).locations(location);
    List<LoadableResource> sorted;
    try {
      Scanner<JavaMigration> scanner =
          new Scanner<>(JavaMigration.class, config, config.getLocations());
      sorted = new ArrayList<>(scanner.getResources("", ".sql"));
    } catch (FlywayException e) {
      throw new IllegalStateException(
          key + "=" + location + " cannot be read: " + e.getMessage(), e);
    }
    sorted.sort(Comparator.comparing(LoadableResource::getFilename));
    return sorted;
  }

  /** File name without {@code .sql} → text, sorted by name. */
  public static Map<String, String> read(String location, ClassLoader loader) {
    Map<String, String> files = new LinkedHashMap<>();
    for (LoadableResource r : resources(location, "cofferdam.workflows", loader)) {
      files.put(r.getFilename().replaceAll("\\.sql$", ""), text(r));
    }
    return files;
  }

  static String text(LoadableResource resource) {
    try (Reader reader = resource.read()) {
      StringBuilder s = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        s.append(buffer, 0, n);
      }
      return s.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource.getRelativePath(), e);
    }
  }
}
