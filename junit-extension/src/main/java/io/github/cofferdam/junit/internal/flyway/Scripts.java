package io.github.cofferdam.junit.internal.flyway;

import java.io.IOException;
import java.io.Reader;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The scripts of a plan's migrations as the walk uses them ({@link Parsed}): one future per
 * migration, completed by whichever thread asks first, the parse-ahead thread of the walk's own
 * loop ({@link DirectMigrate}) or the walk itself, so each script is read and parsed once, by one
 * thread, and read by the other only afterwards. Held by the {@link MigrationWalker.Plan}: it lives
 * as long as the plan (files do not change during a run).
 */
public final class Scripts {

  /**
   * One migration's script, read and parsed.
   *
   * @param usable whether the walk's own loop can apply it as {@code flyway migrate} would ({@link
   *     DirectMigrate#usable(MigrationInfo)})
   * @param text the script's text; empty for a Java migration or an unreadable resource
   * @param joined its statements joined for one round trip ({@link ReplayScript}), or empty
   */
  public record Parsed(boolean usable, Optional<String> text, Optional<String> joined) {}

  /** A migration of the plan and the future of its parse. */
  private static final class Entry {
    final MigrationInfo migration;
    final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<Parsed> parsed = new CompletableFuture<>();

    Entry(MigrationInfo migration) {
      this.migration = migration;
    }
  }

  private final ResourceProvider resources;
  private final Map<MigrationInfo, Entry> byMigration = new IdentityHashMap<>();

  /** Joined statements of migrations Flyway resolved again, by executor (compared by identity). */
  private final Map<MigrationExecutor, Optional<String>> resolvedAgain =
      Collections.synchronizedMap(new WeakHashMap<>());

  Scripts(ResourceProvider resources, List<MigrationInfo> migrations) {
    this.resources = resources;
    for (MigrationInfo m : migrations) {
      Entry e = new Entry(m);
      byMigration.put(m, e);
    }
  }

  /**
   * The parse of one of the plan's migrations: waits for the thread that parses it, or parses it
   * now if no thread did.
   *
   * @throws Error what the parse threw, as it is
   */
  Parsed parsed(MigrationInfo m) {
    Entry e = byMigration.get(m);
    return e == null ? parse(m) : await(e);
  }

  /**
   * Parses the migration on this thread unless another thread already does (or did).
   *
   * @return whether this thread parsed it
   */
  boolean parseIfFirst(MigrationInfo m) {
    Entry e = byMigration.get(m);
    if (e == null || !e.claimed.compareAndSet(false, true)) {
      return false;
    }
    try {
      e.parsed.complete(parse(m));
    } catch (Throwable t) { // an Error: whoever waits for it rethrows it
      e.parsed.completeExceptionally(t);
    }
    return true;
  }

  /**
   * The text of a SQL migration, or empty for Java migrations and unreadable resources. A migration
   * that is not the plan's own object (Flyway's {@code migrate()} resolved it again, for its
   * callbacks) is read now.
   */
  public Optional<String> text(MigrationInfo m) {
    Entry e = byMigration.get(m);
    return e == null ? read(resources, m.getScript()) : await(e).text();
  }

  /**
   * The migration's statements joined for one round trip ({@link ReplayScript}), or empty. A
   * migration that is not the plan's own object (Flyway's {@code migrate()} resolved it again) is
   * joined from its own executor, once per executor.
   */
  public Optional<String> joined(MigrationInfo m) {
    Entry e = byMigration.get(m);
    if (e != null) {
      return await(e).joined();
    }
    MigrationExecutor executor = FlywayInternals.executor(m);
    return executor == null
        ? Optional.empty()
        : resolvedAgain.computeIfAbsent(executor, ReplayScript::joined);
  }

  private Parsed await(Entry e) {
    parseIfFirst(e.migration);
    try {
      return e.parsed.join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof Error) {
        throw (Error) failed.getCause();
      }
      throw failed;
    }
  }

  private Parsed parse(MigrationInfo m) {
    Optional<String> joined = ReplayScript.joined(FlywayInternals.executor(m));
    return new Parsed(DirectMigrate.usable(m, joined), read(resources, m.getScript()), joined);
  }

  private static Optional<String> read(ResourceProvider resources, String script) {
    LoadableResource resource = resources.getResource(script);
    if (resource == null) {
      return Optional.empty();
    }
    try (Reader reader = resource.read()) {
      StringBuilder s = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        s.append(buffer, 0, n);
      }
      return Optional.of(s.toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
