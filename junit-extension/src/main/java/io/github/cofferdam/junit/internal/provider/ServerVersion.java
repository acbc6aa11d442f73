package io.github.cofferdam.junit.internal.provider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The version a server reports, checked against the major version a test asked for; and the
 * settings every server Cofferdam starts itself runs with.
 *
 * @param major the major version, such as 17
 * @param version the full version, such as 17.11
 */
record ServerVersion(int major, String version) {

  /**
   * Durability is pointless for a disposable server and only costs time: the embedded and the
   * container provider start PostgreSQL with these settings.
   */
  static final Map<String, String> DISPOSABLE_SETTINGS =
      Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");

  /** {@link #DISPOSABLE_SETTINGS} as {@code -c name=value} arguments for the postgres command. */
  static List<String> disposableArguments() {
    return DISPOSABLE_SETTINGS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(e -> java.util.stream.Stream.of("-c", e.getKey() + "=" + e.getValue()))
        .collect(java.util.stream.Collectors.toList());
  }

  static ServerVersion read(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('server_version_num')::int,"
                    + " current_setting('server_version')")) {
      rs.next();
      return new ServerVersion(rs.getInt(1) / 10000, rs.getString(2));
    }
  }

  /**
   * Fails when the test asked for a major version explicitly and the server runs another.
   *
   * @param server what runs PostgreSQL, for the message ({@code the image postgres:16})
   * @param fix what to change instead
   */
  void require(ServerSpec spec, String server, String fix) {
    if (spec.majorGiven() && major != spec.major()) {
      throw new IllegalStateException(
          "cofferdam.postgres.version="
              + spec.major()
              + " asks for PostgreSQL "
              + spec.major()
              + ", but "
              + server
              + " runs PostgreSQL "
              + version
              + ". "
              + fix);
    }
  }
}
