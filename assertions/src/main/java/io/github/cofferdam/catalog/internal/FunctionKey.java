package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot.Function;

/**
 * What tells functions apart: schema, name and identity arguments, compared in that order.
 *
 * @param schema the schema
 * @param name the function's name
 * @param arguments its identity arguments
 */
record FunctionKey(String schema, String name, String arguments)
    implements Comparable<FunctionKey> {

  /** The key of {@code f}. */
  static FunctionKey of(Function f) {
    return new FunctionKey(f.schema(), f.name(), f.arguments());
  }

  /** {@code f} against this key, without making {@code f}'s. */
  int locate(Function f) {
    int c = f.schema().compareTo(schema);
    if (c != 0) {
      return c;
    }
    c = f.name().compareTo(name);
    return c != 0 ? c : f.arguments().compareTo(arguments);
  }

  /** Two functions in key order, without making their keys. */
  static int compare(Function a, Function b) {
    int c = a.schema().compareTo(b.schema());
    if (c != 0) {
      return c;
    }
    c = a.name().compareTo(b.name());
    return c != 0 ? c : a.arguments().compareTo(b.arguments());
  }

  @Override
  public int compareTo(FunctionKey other) {
    int c = schema.compareTo(other.schema);
    if (c != 0) {
      return c;
    }
    c = name.compareTo(other.name);
    return c != 0 ? c : arguments.compareTo(other.arguments);
  }

  /** {@code schema.name(arguments)}, as a function's signature prints. */
  @Override
  public String toString() {
    return schema + "." + name + "(" + arguments + ")";
  }
}
