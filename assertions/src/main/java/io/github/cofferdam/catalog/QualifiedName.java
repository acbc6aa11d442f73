package io.github.cofferdam.catalog;

import java.util.Objects;

/**
 * The {@code (schema, name)} of a schema object: a table, a view, a sequence, an enum type. Ordered
 * by schema, then name, so {@code "a.b".c} and {@code a."b.c"}, which print alike, are two names
 * and never equal.
 *
 * @param schema the schema
 * @param name the name within it
 * @since 0.1.0
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

  /** Checks that neither part is {@code null}. */
  public QualifiedName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  /** By schema, then name. */
  @Override
  public int compareTo(QualifiedName other) {
    return compare(schema, name, other.schema, other.name);
  }

  /** {@link #compareTo} of two names given by their parts, without making them. */
  public static int compare(String schema1, String name1, String schema2, String name2) {
    int c = schema1.compareTo(schema2);
    return c != 0 ? c : name1.compareTo(name2);
  }

  /** Whether this is {@code schema.name}, without making a name. */
  public boolean is(String otherSchema, String otherName) {
    return schema.equals(otherSchema) && name.equals(otherName);
  }

  /** As SQL writes it: both parts quoted ({@code "my schema"."my ""table"""}). */
  public String quoted() {
    return quote(schema) + "." + quote(name);
  }

  /** One identifier, quoted for SQL. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** {@code schema.name}, unquoted, as Cofferdam's messages and paths print it. */
  @Override
  public String toString() {
    return schema + "." + name;
  }
}
