package io.github.cofferdam.junit.internal.safety;

import java.util.Locale;

/** The idempotent form of a statement that failed when applied a second time. */
final class Remedies {

  private Remedies() {}

  static String forReplayFailure(String sqlState, String statement) {
    String s = statement.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    String state = sqlState == null ? "" : sqlState;
    if (s.startsWith("CREATE TABLE")) {
      return "Use CREATE TABLE IF NOT EXISTS.";
    }
    if (s.startsWith("CREATE UNIQUE INDEX") || s.startsWith("CREATE INDEX")) {
      return "Use CREATE INDEX IF NOT EXISTS <name> (and name the index).";
    }
    if (s.startsWith("CREATE SEQUENCE")) {
      return "Use CREATE SEQUENCE IF NOT EXISTS.";
    }
    if (s.startsWith("CREATE SCHEMA")) {
      return "Use CREATE SCHEMA IF NOT EXISTS.";
    }
    if (s.startsWith("CREATE EXTENSION")) {
      return "Use CREATE EXTENSION IF NOT EXISTS.";
    }
    if (s.startsWith("CREATE VIEW") || s.startsWith("CREATE MATERIALIZED VIEW")) {
      return s.startsWith("CREATE VIEW")
          ? "Use CREATE OR REPLACE VIEW."
          : "Use CREATE MATERIALIZED VIEW IF NOT EXISTS.";
    }
    if (s.startsWith("CREATE FUNCTION") || s.startsWith("CREATE PROCEDURE")) {
      return "Use CREATE OR REPLACE FUNCTION (DROP FUNCTION IF EXISTS first when its result type"
          + " changes).";
    }
    if (s.startsWith("CREATE TRIGGER") || s.startsWith("CREATE CONSTRAINT TRIGGER")) {
      return "Put DROP TRIGGER IF EXISTS <name> ON <table> before CREATE TRIGGER (or use CREATE OR"
          + " REPLACE TRIGGER).";
    }
    if (s.startsWith("CREATE POLICY")) {
      return "Put DROP POLICY IF EXISTS <name> ON <table> before CREATE POLICY.";
    }
    if (s.startsWith("CREATE TYPE")
        || s.startsWith("CREATE DOMAIN")
        || s.startsWith("CREATE ROLE")) {
      return "Guard it with a DO block: DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE"
          + " typname = '<name>') THEN CREATE TYPE …; END IF; END $$;";
    }
    if (s.startsWith("ALTER TABLE") && s.contains(" ADD COLUMN") || "42701".equals(state)) {
      return "Use ADD COLUMN IF NOT EXISTS.";
    }
    if (s.startsWith("ALTER TABLE") && s.contains(" ADD CONSTRAINT")) {
      return "Guard it with a DO block: DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE"
          + " conname = '<name>') THEN ALTER TABLE … ADD CONSTRAINT …; END IF; END $$;";
    }
    if (s.startsWith("ALTER TABLE") && s.contains(" RENAME ")) {
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
