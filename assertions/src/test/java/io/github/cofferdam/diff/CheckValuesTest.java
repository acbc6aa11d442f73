package io.github.cofferdam.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CHECK definitions as PostgreSQL prints them, read as value sets. */
class CheckValuesTest {

  @Test
  void should_read_text_in_lists() {
    assertThat(CheckValues.parse("CHECK ((status = ANY (ARRAY['new'::text, 'it''s'::text])))"))
        .contains(new CheckValues("status", List.of("new", "it's")));
  }

  @Test
  void should_read_varchar_in_lists_with_casts() {
    assertThat(
            CheckValues.parse(
                "CHECK (((reference_type)::text = ANY ((ARRAY['order'::character varying,"
                    + " 'member_program_item_schedule'::character varying])::text[])))"))
        .contains(
            new CheckValues("reference_type", List.of("order", "member_program_item_schedule")));
  }

  @Test
  void should_read_a_single_value_and_not_valid_constraints() {
    assertThat(CheckValues.parse("CHECK ((kind = 'a'::text)) NOT VALID"))
        .contains(new CheckValues("kind", List.of("a")));
  }

  @Test
  void should_leave_other_checks_alone() {
    assertThat(CheckValues.parse("CHECK ((total >= (0)::numeric))")).isEqualTo(Optional.empty());
    assertThat(CheckValues.parse("CHECK ((a = ANY (b)))")).isEqualTo(Optional.empty());
    assertThat(CheckValues.parse(null)).isEqualTo(Optional.empty());
  }
}
