package io.github.cofferdam.junit.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How a dropped object's identity, as the sql_drop event trigger gives it, is matched to a path;
 * how a statement is shown in a message.
 */
class ChecksTest {

  private static Dropped dropped(String type, String identity) {
    return new Dropped(type, identity, true, false, 1, null);
  }

  @Test
  void should_match_identities_that_postgresql_quoted() {
    assertThat(
            ObjectLost.identifies(dropped("table column", "\"a.b\".c.w"), "table a.b.c / column w"))
        .isTrue();
    assertThat(
            ObjectLost.identifies(
                dropped("trigger", "\"Touch \"\"it\"\"\" on public.\"Accounts\""),
                "table public.Accounts / trigger Touch \"it\""))
        .isTrue();
    assertThat(ObjectLost.identifies(dropped("view", "public.\"Active\""), "view public.Active"))
        .isTrue();
    assertThat(ObjectLost.identifies(dropped("view", "public.\"Active\""), "view public.Other"))
        .isFalse();
  }

  @Test
  void should_show_a_statement_in_one_line_without_its_leading_comments() {
    assertThat(
            Checks.firstLine(
                "/* SPDX-License-Identifier: Apache-2.0 */\n\n-- why\nALTER TABLE t\n"
                    + "  DROP CONSTRAINT t_c_key"))
        .isEqualTo("ALTER TABLE t DROP CONSTRAINT t_c_key");
    assertThat(Checks.firstLine("SELECT '" + "x".repeat(200) + "'")).hasSize(122).endsWith(" …");
  }

  @Test
  void should_leave_unquoted_identities_as_they_are() {
    assertThat(ObjectLost.unquoted("public.orders")).isEqualTo("public.orders");
    assertThat(ObjectLost.unquoted("\"a\"\"b\".c")).isEqualTo("a\"b.c");
  }
}
