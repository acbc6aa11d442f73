package io.github.cofferdam.catalog.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog object as a schema diff compares it: its path, its attributes in a fixed order, and
 * what an addition says of it.
 *
 * @param path where it is, as a diff prints it ({@code table shop.orders / column id})
 * @param kind what it is ({@code column}, {@code constraint}, {@code function}, ...)
 * @param key what it is exactly: its path's parts, which never hold a NUL, joined by NULs (two
 *     objects may print alike: {@code "a.b".c} and {@code a."b.c"})
 * @param parent the key of the object it belongs to, or {@code null}
 * @param attributes what is compared, by name, in order ({@code null} values kept)
 * @param addedDetail what an addition says after {@code added}, or empty
 * @param check the definition of a check constraint, or {@code null}
 * @param labels an enum type's labels, or {@code null}
 */
public record Described(
    String path,
    String kind,
    String key,
    String parent,
    Map<String, String> attributes,
    String addedDetail,
    String check,
    List<String> labels) {

  /** Keeps the attributes' order, read-only. */
  public Described {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** A key of {@code parts} (see {@link #key()}). */
  static String key(String... parts) {
    return String.join("\0", parts);
  }

  /** The key of something under {@code parent}. */
  static String under(String parent, String... parts) {
    return parent + "\0" + key(parts);
  }

  /** Builds a {@link Described}, attribute by attribute. */
  static final class Builder {
    private final String path;
    private final String kind;
    private final String key;
    private final String parent;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String addedDetail = "";
    private String check;
    private List<String> labels;

    Builder(String path, String kind, String key, String parent) {
      this.path = path;
      this.kind = kind;
      this.key = key;
      this.parent = parent;
    }

    Builder with(String name, Object value) {
      attributes.put(name, value == null ? null : value.toString());
      return this;
    }

    Builder added(String detail) {
      this.addedDetail = detail;
      return this;
    }

    Builder check(String definition) {
      this.check = definition;
      return this;
    }

    Builder labels(List<String> labels) {
      this.labels = labels;
      return this;
    }

    Described build() {
      return new Described(path, kind, key, parent, attributes, addedDetail, check, labels);
    }
  }
}
