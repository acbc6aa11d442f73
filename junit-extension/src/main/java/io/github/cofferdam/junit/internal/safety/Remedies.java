package io.github.cofferdam.junit.internal.safety;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The idempotent form of a statement that failed when applied a second time. */
final class Remedies {

  private static final String GUARD_TYPE =
      "Guard it with a DO block: DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE"
          + " typname = '<name>') THEN CREATE TYPE …; END IF; END $$;";

  /** By how the statement starts, first match wins. */
  private static final Map<String, String> BY_START = new LinkedHashMap<>();

  static {
    BY_START.put("CREATE TABLE", "Use CREATE TABLE IF NOT EXISTS.");
    BY_START.put(
        "CREATE UNIQUE INDEX", "Use CREATE INDEX IF NOT EXISTS <name> (and name the index).");
    BY_START.put("CREATE INDEX", "Use CREATE INDEX IF NOT EXISTS <name> (and name the index).");
    BY_START.put("CREATE SEQUENCE", "Use CREATE SEQUENCE IF NOT EXISTS.");
    BY_START.put("CREATE SCHEMA", "Use CREATE SCHEMA IF NOT EXISTS.");
    BY_START.put("CREATE EXTENSION", "Use CREATE EXTENSION IF NOT EXISTS.");
    BY_START.put("CREATE VIEW", "Use CREATE OR REPLACE VIEW.");
    BY_START.put("CREATE MATERIALIZED VIEW", "Use CREATE MATERIALIZED VIEW IF NOT EXISTS.");
    String function =
        "Use CREATE OR REPLACE FUNCTION (DROP FUNCTION IF EXISTS first when its result type"
            + " changes).";
    BY_START.put("CREATE FUNCTION", function);
    BY_START.put("CREATE PROCEDURE", function);
    String trigger =
        "Put DROP TRIGGER IF EXISTS <name> ON <table> before CREATE TRIGGER (or use CREATE OR"
            + " REPLACE TRIGGER).";
    BY_START.put("CREATE TRIGGER", trigger);
    BY_START.put("CREATE CONSTRAINT TRIGGER", trigger);
    BY_START.put(
        "CREATE POLICY", "Put DROP POLICY IF EXISTS <name> ON <table> before CREATE POLICY.");
    BY_START.put("CREATE TYPE", GUARD_TYPE);
    BY_START.put("CREATE DOMAIN", GUARD_TYPE);
    BY_START.put("CREATE ROLE", GUARD_TYPE);
  }

  private Remedies() {}

  static String forReplayFailure(String sqlState, String statement) {
    String s = statement.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    String state = sqlState == null ? "" : sqlState;
    for (Map.Entry<String, String> e : BY_START.entrySet()) {
      if (s.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    boolean alter = s.startsWith("ALTER TABLE");
    if (alter && s.contains(" ADD COLUMN") || "42701".equals(state)) {
      return "Use ADD COLUMN IF NOT EXISTS.";
    }
    if (alter && s.contains(" ADD CONSTRAINT")) {
      return "Guard it with a DO block: DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE"
          + " conname = '<name>') THEN ALTER TABLE … ADD CONSTRAINT …; END IF; END $$;";
    }
    if (alter && s.contains(" DROP COLUMN")) {
      return "Use ALTER TABLE … DROP COLUMN IF EXISTS.";
    }
    if (alter && s.contains(" DROP CONSTRAINT")) {
      return "Use ALTER TABLE … DROP CONSTRAINT IF EXISTS.";
    }
    if ("21000".equals(state)) {
      return "A subquery finds more than one row on the second run: an earlier statement of the"
          + " migration added its rows again. Guard that INSERT (INSERT … SELECT … WHERE NOT EXISTS"
          + " (…), or ON CONFLICT DO NOTHING where the table has a unique key).";
    }
    if (alter && s.contains(" RENAME ")) {
      return "Guard the rename with a DO block that checks information_schema.columns (or"
          + " pg_class) for the old name first.";
    }
    if (s.startsWith("DROP ")) {
      return "Use DROP … IF EXISTS.";
    }
    if (s.startsWith("INSERT") || "23505".equals(state)) {
      return "Use INSERT … ON CONFLICT DO NOTHING (or … DO UPDATE).";
    }
    if (s.startsWith("UPDATE")) {
      return "Make the UPDATE a no-op on a second run: UPDATE … WHERE <not yet done>.";
    }
    if ("42P07".equals(state) || "42710".equals(state) || "42723".equals(state)) {
      return "Create the object only if it is missing (IF NOT EXISTS, CREATE OR REPLACE, or a DO"
          + " block guard).";
    }
    return "Make the statement safe to run twice: guard it with IF [NOT] EXISTS, CREATE OR REPLACE,"
        + " ON CONFLICT, or a DO block that checks the catalog first.";
  }
}
