package io.github.cofferdam.junit;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.junit.internal.drift.LiveDrift;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Runs the drift check of key cofferdam.drift.url after a successful walk. */
final class DriftCheck {

  private DriftCheck() {}

  /** The result, or null when no live database is configured or the walk failed. */
  static LiveDrift.Result run(
      Class<?> testClass, Settings settings, TestDatabase database, MigrationRun run) {
    LiveDrift.Target target = settings.drift();
    if (!target.configured() || !run.successful()) {
      return null;
    }
    CatalogSnapshot built;
    try (Connection c = database.getConnection()) {
      built =
          CatalogSnapshot.capture(
              c, SnapshotOptions.defaults().excludeSchemas("_cofferdam").withoutData());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the migrated database: " + e.getMessage(), e);
    }
    // the history table as the walk's Flyway names it: the key, a flyway.table property, Flyway's
    // default
    String table =
        !settings.flyway().table().isEmpty()
            ? settings.flyway().table()
            : settings
                .flyway()
                .properties()
                .getOrDefault("flyway.table", org.flywaydb.core.Flyway.configure().getTable());
    List<LiveDrift.Local> locals =
        run.steps().stream()
            .map(
                s ->
                    new LiveDrift.Local(
                        s.repeatable() ? null : s.version(), s.description(), s.checksum()))
            .collect(Collectors.toList());
    try {
      return LiveDrift.check(ServerSpec.redact(target.url()), target, built, table, locals);
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException(testClass.getName() + ": " + e.getMessage(), e);
    }
  }
}
