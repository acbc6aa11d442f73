package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

/** What the walk must know of the user's Flyway set-up, worked out once per walk. */
final class Traits {

  private final MigrationWalker.Plan plan;
  private Boolean othersWrite;
  private Boolean statementCallbacks;

  Traits(MigrationWalker.Plan plan) {
    this.plan = plan;
  }

  /**
   * Whether something else may write in a migration's transaction before it runs: earlier
   * migrations of a group, the user's own Java callbacks (registered before ours), or SQL callbacks
   * ({@code beforeEachMigrate*.sql}) in the locations.
   */
  boolean othersWrite(Configuration flyway) {
    if (othersWrite == null) {
      othersWrite =
          flyway.isGroup()
              || flyway.getCallbacks().length > 1
              || MigrationWalker.hasSqlCallback(plan, flyway, Event.BEFORE_EACH_MIGRATE);
    }
    return othersWrite;
  }

  /**
   * Whether Flyway would call someone for each statement of a migration: the user's own Java
   * callbacks (registered before ours), or SQL callbacks such as {@code
   * beforeEachMigrateStatement.sql}. The replay then runs through Flyway's executor, statement by
   * statement, so that they are called as in a real run.
   */
  boolean statementCallbacks(Configuration flyway) {
    if (statementCallbacks == null) {
      statementCallbacks =
          flyway.getCallbacks().length > 1
              || MigrationWalker.hasSqlCallback(
                  plan,
                  flyway,
                  Event.BEFORE_EACH_MIGRATE_STATEMENT,
                  Event.AFTER_EACH_MIGRATE_STATEMENT);
    }
    return statementCallbacks;
  }
}
