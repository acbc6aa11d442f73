package io.github.cofferdam.junit;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Java migration that drops every prepared statement of its connection (Cofferdam's among them),
 * as a connection pool's reset would.
 */
public class V2__java_deallocate extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("ALTER TABLE a ADD COLUMN IF NOT EXISTS note text; DEALLOCATE ALL");
    }
  }
}
