package io.github.cofferdam.catalog;

import java.util.regex.Pattern;

/** Helpers for PostgreSQL type names as {@code format_type} prints them. */
final class Types {

  private static final Pattern MODIFIER = Pattern.compile("\\(\\d+(,\\d+)?\\)");

  private Types() {}

  /**
   * The type without length, precision or scale: {@code character varying(255)} becomes {@code
   * character varying}, {@code timestamp(3) with time zone} becomes {@code timestamp with time
   * zone}, {@code numeric(12,2)[]} becomes {@code numeric[]}.
   */
  static String withoutModifier(String type) {
    return type == null ? null : MODIFIER.matcher(type).replaceAll("");
  }
}
