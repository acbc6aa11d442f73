package io.github.cofferdam.junit;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A user's Java migration, passed with {@code javaMigrations}. */
public class V3__java_migration extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("ALTER TABLE orders ADD COLUMN note text");
    }
  }
}
