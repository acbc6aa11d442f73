package io.github.cofferdam.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated migration corpus: each migration adds a table with a primary key, a CHECK, an index,
 * a few rows and a plpgsql function returning its columns; every tenth migration alters an earlier
 * table. All of it is idempotent, so the safety walk finds nothing and measures only its own cost.
 */
final class Corpus {

  private Corpus() {}

  static Path generate(Path root, int migrations) throws IOException {
    Path dir = root.resolve("corpus-" + migrations);
    Files.createDirectories(dir);
    for (int i = 1; i <= migrations; i++) {
      StringBuilder sql = new StringBuilder();
      sql.append(
          String.format(
              Locale.ROOT,
              "CREATE TABLE IF NOT EXISTS t%1$d (\n"
                  + "  id bigint PRIMARY KEY,\n"
                  + "  status text NOT NULL CHECK (status IN ('new', 'paid', 'void')),\n"
                  + "  amount numeric(12,2) NOT NULL DEFAULT 0,\n"
                  + "  created_at timestamptz NOT NULL DEFAULT now());\n"
                  + "CREATE INDEX IF NOT EXISTS t%1$d_status_idx ON t%1$d (status);\n"
                  + "INSERT INTO t%1$d (id, status, amount) VALUES (1, 'new', 1), (2, 'paid', 2),"
                  + " (3, 'void', 3) ON CONFLICT DO NOTHING;\n"
                  + "CREATE OR REPLACE FUNCTION t%1$d_list() RETURNS TABLE (id bigint, status text)\n"
                  + "LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN QUERY SELECT t.id, t.status FROM"
                  + " t%1$d t; END $$;\n",
              i));
      if (i % 10 == 0) {
        sql.append(
            String.format(
                Locale.ROOT, "ALTER TABLE t%1$d ADD COLUMN IF NOT EXISTS note text;\n", i - 5));
      }
      Files.writeString(dir.resolve(String.format(Locale.ROOT, "V%d__step_%d.sql", i, i)), sql);
    }
    return dir;
  }
}
