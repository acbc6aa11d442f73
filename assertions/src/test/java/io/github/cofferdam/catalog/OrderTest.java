package io.github.cofferdam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Snapshot lists are ordered by their joined names without building them: same order as before. */
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
  void should_order_parts_as_their_concatenation() {
    Random random = new Random(42);
    for (int n = 0; n < 200_000; n++) {
      String[] a = {random(random), ".", random(random), "/", random(random)};
      String[] b = {random(random), ".", random(random), "/", random(random)};
      if (random.nextBoolean()) {
        b[0] = a[0];
      }
      int expected = Integer.signum(String.join("", a).compareTo(String.join("", b)));

      assertThat(Integer.signum(CatalogSnapshot.compareParts(a, b)))
          .as("%s vs %s", String.join("", a), String.join("", b))
          .isEqualTo(expected);
      assertThat(Integer.signum(CatalogSnapshot.path(a[0], a[2], a[4], b[0], b[2], b[4])))
          .isEqualTo(expected);
      assertThat(Integer.signum(CatalogSnapshot.joined(a[0], a[2], b[0], b[2])))
          .isEqualTo(Integer.signum((a[0] + "." + a[2]).compareTo(b[0] + "." + b[2])));
    }
  }
}
