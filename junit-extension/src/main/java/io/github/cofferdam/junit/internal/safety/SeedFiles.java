package io.github.cofferdam.junit.internal.safety;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Seed SQL files from a location ({@code classpath:} or {@code filesystem:}, read by Flyway's own
 * scanner), named {@code V<version>__<anything>.sql}: each runs right before migration {@code
 * <version>}.
 */
public final class SeedFiles implements Seeds {

  private static final Pattern NAME = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

  private final Map<MigrationVersion, List<LoadableResource>> byVersion;

  private SeedFiles(Map<MigrationVersion, List<LoadableResource>> byVersion) {
    this.byVersion = byVersion;
  }

  /**
   * Scans a location.
   *
   * @throws IllegalStateException when the location cannot be read or a file is misnamed
   */
  public static SeedFiles scan(String location, ClassLoader loader) {
    List<LoadableResource> sorted = SqlFiles.resources(location, "cofferdam.seeds", loader);
    Map<MigrationVersion, List<LoadableResource>> byVersion = new LinkedHashMap<>();
    for (LoadableResource r : sorted) {
      Matcher m = NAME.matcher(r.getFilename());
      if (!m.matches()) {
        throw new IllegalStateException(
            "seed file "
                + r.getRelativePath()
                + " in "
                + location
                + " is not named V<version>__<description>.sql; name it after the migration it"
                + " runs before, e.g. V7__orders.sql runs before V7");
      }
      byVersion
          .computeIfAbsent(
              MigrationVersion.fromVersion(m.group(1).replace('_', '.')), v -> new ArrayList<>())
          .add(r);
    }
    return new SeedFiles(byVersion);
  }

  /** Each seed file's name (its path in the location) and the version it runs before. */
  public Map<String, MigrationVersion> files() {
    Map<String, MigrationVersion> files = new java.util.TreeMap<>();
    byVersion.forEach((v, resources) -> resources.forEach(r -> files.put(r.getRelativePath(), v)));
    return files;
  }

  @Override
  public boolean before(MigrationInfo migration, Connection connection) throws Exception {
    if (migration.getVersion() == null) {
      return false;
    }
    List<LoadableResource> seeds = byVersion.getOrDefault(migration.getVersion(), List.of());
    for (LoadableResource seed : seeds) {
      String text = SqlFiles.text(seed);
      for (int[] statement : SqlFiles.statements(text)) {
        String sql = text.substring(statement[0], statement[1]);
        try (Statement s = connection.createStatement()) {
          s.execute(sql);
        } catch (java.sql.SQLException e) {
          throw SeedFailure.of(
              "Seed " + seed.getFilename(),
              migration,
              e,
              java.util.Optional.of(SqlFiles.lineOf(text, statement[0])),
              java.util.Optional.of(sql));
        }
      }
    }
    return !seeds.isEmpty();
  }
}
