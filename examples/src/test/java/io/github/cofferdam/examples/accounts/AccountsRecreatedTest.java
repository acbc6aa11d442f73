package io.github.cofferdam.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.examples.support.Engine;
import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Incident 7 (seed 003): a "harmless" migration dropped and recreated a table, and 565 user
 * accounts vanished, with the view and the trigger that hung on the table.
 */
class AccountsRecreatedTest {

  /** The fix: change the table in place. */
  @Nested
  @MigrationTest(locations = "classpath:incidents/accounts-recreated/fixed")
  class Fixed implements MigrationSafety {}

  /** The migration as it shipped. */
  @MigrationTest(locations = "classpath:incidents/accounts-recreated/broken")
  static class Broken implements MigrationSafety {}

  @Test
  void the_recreation_is_caught_with_everything_it_took_along() {
    Map<String, String> outcomes = Engine.outcomes(Broken.class);

    assertThat(outcomes.get("V2 accounts display name"))
        .startsWith("V2__accounts_display_name.sql: 3 findings")
        .contains(
            "[data-loss] table public.accounts lost 565 of 565 rows in V2 accounts display name"
                + " (565 → 0)")
        .contains("[object-lost] table public.accounts / trigger accounts_touch is gone")
        .contains("[object-lost] view public.active_accounts is gone");
  }
}
