package io.github.cofferdam.junit;

import java.util.Arrays;
import java.util.Optional;

/**
 * PostgreSQL's table lock modes, weakest first, and what each blocks of the traffic an application
 * sends (see the PostgreSQL manual, "Explicit Locking").
 *
 * @since 0.1.0
 */
public enum LockMode {
  /** {@code SELECT}: blocks only ACCESS EXCLUSIVE. */
  ACCESS_SHARE("AccessShareLock", "nothing but ACCESS EXCLUSIVE"),
  /** {@code SELECT … FOR UPDATE/SHARE}. */
  ROW_SHARE("RowShareLock", "nothing but EXCLUSIVE and ACCESS EXCLUSIVE"),
  /** {@code INSERT}, {@code UPDATE}, {@code DELETE}. */
  ROW_EXCLUSIVE("RowExclusiveLock", "no reads or writes (only SHARE and stronger locks)"),
  /**
   * {@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE CONSTRAINT}, {@code VACUUM}, {@code
   * ANALYZE}.
   */
  SHARE_UPDATE_EXCLUSIVE(
      "ShareUpdateExclusiveLock", "no reads or writes (only schema changes and VACUUM)"),
  /** {@code CREATE INDEX} without {@code CONCURRENTLY}. */
  SHARE("ShareLock", "writes (INSERT, UPDATE, DELETE); reads go on"),
  /** {@code CREATE TRIGGER}, {@code ADD FOREIGN KEY} (on both tables). */
  SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "writes (INSERT, UPDATE, DELETE); reads go on"),
  /** {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}. */
  EXCLUSIVE(
      "ExclusiveLock",
      "writes and SELECT … FOR UPDATE (INSERT, UPDATE, DELETE); plain reads go on"),
  /** Most {@code ALTER TABLE} forms, {@code DROP}, {@code TRUNCATE}, {@code VACUUM FULL}. */
  ACCESS_EXCLUSIVE("AccessExclusiveLock", "reads and writes (every query on it)");

  private final String pgName;
  private final String blocks;

  LockMode(String pgName, String blocks) {
    this.pgName = pgName;
    this.blocks = blocks;
  }

  /** The mode as {@code pg_locks.mode} names it ({@code AccessExclusiveLock}). */
  public String pgName() {
    return pgName;
  }

  /** The mode as SQL names it ({@code ACCESS EXCLUSIVE}). */
  public String sqlName() {
    return name().replace('_', ' ');
  }

  /** What the mode blocks, in words ({@code reads and writes (every query on it)}). */
  public String blocks() {
    return blocks;
  }

  /** Whether the mode blocks the application's writes (SHARE and stronger). */
  public boolean blocksWrites() {
    return compareTo(SHARE) >= 0;
  }

  /** Whether the mode blocks the application's plain reads (only ACCESS EXCLUSIVE). */
  public boolean blocksReads() {
    return this == ACCESS_EXCLUSIVE;
  }

  /** The mode of a {@code pg_locks.mode} value, if it is a table lock mode. */
  public static Optional<LockMode> ofPgName(String pgName) {
    return Arrays.stream(values()).filter(m -> m.pgName.equals(pgName)).findFirst();
  }

  /** {@code ACCESS EXCLUSIVE}. */
  @Override
  public String toString() {
    return sqlName();
  }
}
