package io.github.cofferdam.junit.internal.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What a walk's database holds before the first migration: nothing, or a stand-in for the platform
 * the migrations were written for (key {@code cofferdam.environment}).
 */
public enum Environment {
  /** An empty database. */
  NONE("", ""),
  /**
   * Supabase's roles, the {@code auth}, {@code storage} and {@code extensions} schemas, pgcrypto
   * and uuid-ossp on the search path ({@code supabase.sql}).
   */
  SUPABASE(
      "supabase.sql",
      "Supabase stand-in: roles anon, authenticated, service_role, authenticator, supabase_admin;"
          + " auth.users, auth.uid(), auth.role(), auth.jwt(); storage.buckets, storage.objects;"
          + " pgcrypto and uuid-ossp in schema extensions, on the search path (not Supabase"
          + " itself; see docs/sources.md)");

  /** Supabase's search path: {@code extensions} after {@code public}. */
  static final String SUPABASE_SEARCH_PATH = "\"$user\",public,extensions";

  private final String script;
  private final String description;

  Environment(String script, String description) {
    this.script = script;
    this.description = description;
  }

  /** The valid values of the key, in lower case. */
  public static List<String> names() {
    return List.of("none", "supabase");
  }

  /** The environment of a key value (case-insensitive), or null when it is not one. */
  public static Environment of(String value) {
    for (Environment e : values()) {
      if (e.name().equalsIgnoreCase(value.trim())) {
        return e;
      }
    }
    return null;
  }

  /** The default for a source: the Supabase stand-in for Supabase's migrations, else nothing. */
  public static Environment defaultFor(String source) {
    return "supabase".equals(source) ? SUPABASE : NONE;
  }

  /** The key value, in lower case. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the stand-in holds, for reports; empty for none. */
  public String description() {
    return description;
  }

  /**
   * Installs the stand-in in a new database, before anything else runs in it; every connection
   * opened from then on has its search path. Roles are the server's: installs on one server take
   * turns, so that two databases do not create the same role at once.
   *
   * @throws IllegalStateException naming the database, the cause and the way out
   */
  public void install(TestDatabase database) {
    if (this == NONE) {
      return;
    }
    String sql = read(script);
    synchronized (database.handle()) {
      try (Connection c = database.getConnection();
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot install the "
                + key()
                + " stand-in (cofferdam.environment="
                + key()
                + ") in database "
                + database.name()
                + ": "
                + e.getMessage()
                + ". It creates roles (the user needs CREATEROLE, and superuser for BYPASSRLS) and"
                + " the extensions pgcrypto and uuid-ossp; give such a user, or set"
                + " cofferdam.environment=none.",
            e);
      }
    }
    database.searchPath(SUPABASE_SEARCH_PATH);
  }

  private static String read(String resource) {
    try (InputStream in = Environment.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
