package io.github.cofferdam.assertj;

import io.github.cofferdam.assertj.error.ShouldHaveElement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;

/** Finding objects by {@code name} or {@code schema.name}, and type names as users write them. */
final class Names {

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("varchar", "character varying"),
          Map.entry("char", "character"),
          Map.entry("bpchar", "character"),
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("int2", "smallint"),
          Map.entry("serial", "integer"),
          Map.entry("bigserial", "bigint"),
          Map.entry("bool", "boolean"),
          Map.entry("float8", "double precision"),
          Map.entry("float4", "real"),
          Map.entry("decimal", "numeric"),
          Map.entry("timestamptz", "timestamp with time zone"),
          Map.entry("timestamp", "timestamp without time zone"),
          Map.entry("timetz", "time with time zone"),
          Map.entry("time", "time without time zone"));

  private Names() {}

  /**
   * The one element whose qualified name is {@code name}, or whose simple name is {@code name};
   * fails listing what exists, or what matches when the name is ambiguous.
   */
  static <T> T find(
      List<T> items,
      String name,
      Function<T, String> qualified,
      Function<T, String> simple,
      String owner,
      String kind) {
    List<T> exact =
        items.stream().filter(i -> qualified.apply(i).equals(name)).collect(Collectors.toList());
    List<T> matches =
        exact.isEmpty()
            ? items.stream().filter(i -> simple.apply(i).equals(name)).collect(Collectors.toList())
            : exact;
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String message =
        matches.isEmpty()
            ? ShouldHaveElement.shouldHaveElement(
                    owner, kind, name, items.stream().map(qualified).collect(Collectors.toList()))
                .create()
            : ShouldHaveElement.shouldBeUnambiguous(
                    owner, kind, name, matches.stream().map(qualified).collect(Collectors.toList()))
                .create();
    throw Assertions.<AssertionError>fail(message);
  }

  /**
   * A type as {@code format_type} prints it: {@code varchar(20)} becomes {@code character
   * varying(20)}, {@code timestamptz} becomes {@code timestamp with time zone}, {@code int[]}
   * becomes {@code integer[]}.
   */
  static String normalizeType(String type) {
    String t = type.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    String array = "";
    while (t.endsWith("[]")) {
      array += "[]";
      t = t.substring(0, t.length() - 2).trim();
    }
    String modifier = "";
    int paren = t.indexOf('(');
    if (paren > 0) {
      modifier = t.substring(paren).replace(" ", "");
      t = t.substring(0, paren).trim();
    }
    String base = ALIASES.getOrDefault(t, t);
    if (!modifier.isEmpty() && base.startsWith("timestamp ")) {
      return "timestamp" + modifier + base.substring("timestamp".length()) + array;
    }
    if (!modifier.isEmpty() && base.startsWith("time ")) {
      return "time" + modifier + base.substring("time".length()) + array;
    }
    return base + modifier + array;
  }
}
