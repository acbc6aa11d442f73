package io.github.cofferdam.junit.internal.safety;

import java.sql.Connection;
import org.flywaydb.core.api.MigrationInfo;

/** Data put in right before a migration is applied, so that the checks have rows to bite on. */
@FunctionalInterface
public interface Seeds {

  /** No seeds. */
  Seeds NONE = (migration, connection) -> false;

  /**
   * Runs the seeds of a migration, if it has any.
   *
   * @return whether anything ran
   * @throws Exception when a seed fails; the walk stops with a message naming it
   */
  boolean before(MigrationInfo migration, Connection connection) throws Exception;
}
