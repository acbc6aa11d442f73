package io.github.cofferdam.junit.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How a dropped object's identity, as the sql_drop event trigger gives it, is matched to a path.
 */
class ChecksTest {

  private static Dropped dropped(String type, String identity) {
    return new Dropped(type, identity, true, false, 1);
  }

  @Test
  void should_match_identities_that_postgresql_quoted() {
    assertThat(Checks.identifies(dropped("table column", "\"a.b\".c.w"), "table a.b.c / column w"))
        .isTrue();
    assertThat(
            Checks.identifies(
                dropped("trigger", "\"Touch \"\"it\"\"\" on public.\"Accounts\""),
                "table public.Accounts / trigger Touch \"it\""))
        .isTrue();
    assertThat(Checks.identifies(dropped("view", "public.\"Active\""), "view public.Active"))
        .isTrue();
    assertThat(Checks.identifies(dropped("view", "public.\"Active\""), "view public.Other"))
        .isFalse();
  }

  @Test
  void should_leave_unquoted_identities_as_they_are() {
    assertThat(Checks.unquoted("public.orders")).isEqualTo("public.orders");
    assertThat(Checks.unquoted("\"a\"\"b\".c")).isEqualTo("a\"b.c");
  }
}
