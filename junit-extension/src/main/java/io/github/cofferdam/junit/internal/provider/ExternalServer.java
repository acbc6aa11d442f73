package io.github.cofferdam.junit.internal.provider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The external provider: a server the user declares disposable. Cofferdam only creates and drops
 * its own {@code cofferdam_*} databases there and never stops the server.
 */
final class ExternalServer implements DatabaseServer {

  private static final Pattern URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

  private static final Pattern URL_USER = Pattern.compile("[?&]user=([^&;]*)");

  private final String prefix;
  private final String maintenance;
  private final String query;
  private final String user;
  private final String password;
  private final String version;

  private ExternalServer(
      String prefix,
      String maintenance,
      String query,
      String user,
      String password,
      String version) {
    this.prefix = prefix;
    this.maintenance = maintenance;
    this.query = query;
    this.user = user;
    this.password = password;
    this.version = version;
  }

  static ExternalServer start(ServerSpec spec) {
    Matcher m = URL.matcher(spec.url());
    if (!m.matches()) {
      throw new IllegalStateException(
          "cofferdam.external.url="
              + ServerSpec.redact(spec.url())
              + " is not a PostgreSQL JDBC URL"
              + " (jdbc:postgresql://host:port/database)");
    }
    String database =
        m.group(2) == null || m.group(2).length() <= 1 ? "postgres" : m.group(2).substring(1);
    ExternalServer server =
        new ExternalServer(
            m.group(1),
            database,
            m.group(3) == null ? "" : m.group(3),
            spec.user(),
            spec.password(),
            "?");
    ServerVersion version;
    try (Connection c = server.connect(database)) {
      version = ServerVersion.read(c);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the external server "
              + ServerSpec.redact(spec.url())
              + " cannot be reached as "
              + userDescription(spec)
              + ": "
              + e.getMessage()
              + ". Check cofferdam.external.url, cofferdam.external.user and"
              + " cofferdam.external.password.",
          e);
    }
    version.require(
        spec,
        "the external server " + ServerSpec.redact(spec.url()),
        "Point cofferdam.external.url at a PostgreSQL "
            + spec.major()
            + " server, or drop cofferdam.postgres.version.");
    return new ExternalServer(
        server.prefix, database, server.query, spec.user(), spec.password(), version.version());
  }

  /**
   * Who Cofferdam connects as: the key, else the URL's user parameter, else the driver's default.
   */
  static String userDescription(ServerSpec spec) {
    if (!spec.user().isEmpty()) {
      return "user '" + spec.user() + "'";
    }
    Matcher m = URL_USER.matcher(spec.url());
    if (m.find()) {
      return "user '" + m.group(1) + "' (from the URL)";
    }
    return "user '"
        + System.getProperty("user.name")
        + "' (the JDBC driver's default, the operating system user; no cofferdam.external.user)";
  }

  private Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl(database), p);
  }

  @Override
  public String describe() {
    return "external PostgreSQL "
        + version
        + " at "
        + ServerSpec.redact(prefix + "/" + maintenance + query);
  }

  @Override
  public String jdbcUrl(String database) {
    return prefix + "/" + database + query;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String maintenanceDatabase() {
    return maintenance;
  }

  @Override
  public boolean ownsServer() {
    return false;
  }

  @Override
  public void close() {
    // not ours to stop
  }
}
