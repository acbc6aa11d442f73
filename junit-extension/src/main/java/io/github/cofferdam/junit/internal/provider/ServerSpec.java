package io.github.cofferdam.junit.internal.provider;

import java.util.regex.Pattern;

/**
 * Which PostgreSQL server a test class needs. {@link #toString()} never shows the password.
 *
 * @param provider {@code embedded}, {@code container} or {@code external}
 * @param major the PostgreSQL major version
 * @param majorGiven whether the major version was configured explicitly (not the default)
 * @param image the container image
 * @param network the container network mode, {@code bridge} or {@code host}
 * @param url the external server's JDBC URL
 * @param user the external server's user
 * @param password the external server's password
 * @param settings PostgreSQL settings of the embedded server ({@code max_connections}, …)
 */
public record ServerSpec(
    String provider,
    int major,
    boolean majorGiven,
    String image,
    String network,
    String url,
    String user,
    String password,
    java.util.Map<String, String> settings) {

  /** Copies the settings, keeping their order. */
  public ServerSpec {
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }

  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  /** The embedded provider at a major version, everything else at its default. */
  public static ServerSpec embedded(int major) {
    return new ServerSpec("embedded", major, false, "", "bridge", "", "", "", java.util.Map.of());
  }

  /** The key under which servers are shared: everything that makes two servers different. */
  public String sharingKey() {
    switch (provider) {
      case "container":
        return "container:" + image + ":" + network;
      case "external":
        return "external:" + redact(url) + ":" + user;
      default:
        return "embedded:" + major + (settings.isEmpty() ? "" : ":" + settings);
    }
  }

  /** Replaces any password parameter in a JDBC URL with {@code ***}. */
  public static String redact(String url) {
    return url == null ? null : URL_PASSWORD.matcher(url).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return "ServerSpec[provider="
        + provider
        + ", major="
        + major
        + ", image="
        + image
        + ", network="
        + network
        + ", url="
        + redact(url)
        + ", user="
        + user
        + ", password="
        + (password == null || password.isEmpty() ? "" : "***")
        + ", settings="
        + settings
        + "]";
  }
}
