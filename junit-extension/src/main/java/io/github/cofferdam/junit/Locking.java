package io.github.cofferdam.junit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one migration locked and rewrote, as PostgreSQL did it on the walk's database, read from
 * {@code pg_locks} of the walk's own connection and from {@code pg_class.relfilenode} just before
 * the migration's transaction commits. Locks are per migration: a lock taken by any statement is
 * held until commit, so {@link #locks()} is the strongest mode each relation was held in.
 *
 * @param observed whether the locks could be read: not for a migration that runs outside a
 *     transaction ({@code executeInTransaction=false}, {@code CONCURRENTLY}) or commits on its way
 *     ({@code COMMIT} inside), whose locks are gone when it ends
 * @param lockTimeout the {@code lock_timeout} the migration set itself ({@code SET lock_timeout},
 *     {@code SET LOCAL}), or empty when it set none (the walk's own limit does not count:
 *     production does not have it)
 * @param locks the relations it held a lock on, with the strongest mode, sorted by name
 * @param rewrites the tables and indexes that existed before it and got a new storage file, sorted
 *     by name
 * @since 0.1.0
 */
public record Locking(
    boolean observed, Optional<String> lockTimeout, List<Lock> locks, List<Rewrite> rewrites) {

  /** Nothing observed (a migration that failed, or ran outside a transaction). */
  public static final Locking NOT_OBSERVED =
      new Locking(false, Optional.empty(), List.of(), List.of());

  /** Validates and copies the components. */
  public Locking {
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    locks = List.copyOf(locks);
    rewrites = List.copyOf(rewrites);
  }

  /**
   * The strongest mode the migration held on a relation ({@code orders} or {@code public.orders}).
   */
  public Optional<LockMode> modeOn(String relation) {
    return locks.stream()
        .filter(l -> l.relation().equals(relation) || l.relation().endsWith("." + relation))
        .map(Lock::mode)
        .max(Enum::compareTo);
  }

  /**
   * A relation the migration held a lock on.
   *
   * @param relation {@code schema.name}
   * @param kind {@code table}, {@code index}, {@code materialized view}, ...
   * @param mode the strongest mode it was held in
   * @param existedBefore whether it existed before the migration (not created by it)
   * @param rowsBefore the rows of the table (for an index: of its table) before the migration;
   *     {@code 0} for a relation it created
   */
  public record Lock(
      String relation, String kind, LockMode mode, boolean existedBefore, long rowsBefore) {

    /** Validates the components. */
    public Lock {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(mode, "mode");
    }

    /** What its mode blocks, in words. */
    public String blocks() {
      return mode.blocks();
    }
  }

  /**
   * A relation that got a new storage file: PostgreSQL copied it (a table rewrite, an index
   * rebuilt).
   *
   * @param relation {@code schema.name}
   * @param kind {@code table}, {@code index}, ...
   * @param rowsBefore the rows of the table (for an index: of its table) before the migration
   * @param bytesAfter the size of the new file, with the seeded data
   */
  public record Rewrite(String relation, String kind, long rowsBefore, long bytesAfter) {

    /** Validates the components. */
    public Rewrite {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(kind, "kind");
    }
  }
}
