package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Names are ordered by schema, then name: a total order consistent with equals, also for names that
 * print alike ({@code "a.b".c} and {@code a."b.c"}); snapshots sort their lists so.
 */
class OrderTest {

  private static final String ALPHABET = "ab./( )Z_é";

  private static String random(Random random) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(5);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  @Test
  void should_order_by_schema_then_name() {
    Random random = new Random(42);
    for (int n = 0; n < 100_000; n++) {
      QualifiedName a = new QualifiedName(random(random), random(random));
      QualifiedName b =
          random.nextBoolean()
              ? new QualifiedName(a.schema(), random(random))
              : new QualifiedName(random(random), random(random));
      int expected = Integer.signum(a.schema().compareTo(b.schema()));
      if (expected == 0) {
        expected = Integer.signum(a.name().compareTo(b.name()));
      }

      assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b).isEqualTo(expected);
      assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-expected);
      assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    }
  }

  @Test
  void should_tell_apart_names_that_print_alike_and_quote_them() {
    QualifiedName dottedSchema = new QualifiedName("a.b", "c");
    QualifiedName dottedName = new QualifiedName("a", "b.c");

    assertThat(dottedSchema.toString()).isEqualTo(dottedName.toString()).isEqualTo("a.b.c");
    assertThat(dottedSchema).isNotEqualTo(dottedName);
    assertThat(dottedName.compareTo(dottedSchema)).isNegative(); // schema "a" before "a.b"
    assertThat(dottedSchema.quoted()).isEqualTo("\"a.b\".\"c\"");
    assertThat(new QualifiedName("s", "say \"hi\"").quoted()).isEqualTo("\"s\".\"say \"\"hi\"\"\"");
  }

  @Test
  void should_sort_snapshot_lists_by_schema_then_name() {
    CatalogSnapshot.Table t1 = new CatalogSnapshot.Table("a.b", "c", "table", null, null, false);
    CatalogSnapshot.Table t2 = new CatalogSnapshot.Table("a", "b.c", "table", null, null, false);
    CatalogSnapshot.Table t3 = new CatalogSnapshot.Table("a", "z", "table", null, null, false);
    CatalogSnapshot s =
        new CatalogSnapshot(
            List.of(),
            List.of(t1, t3, t2),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());

    assertThat(s.tables()).containsExactly(t2, t3, t1);
  }
}
