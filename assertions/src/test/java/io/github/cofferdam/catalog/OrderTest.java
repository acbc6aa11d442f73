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

  /** {@code text} cut in two at one of its {@code separator}s, chosen at random. */
  private static String[] recut(String text, String separator, Random random) {
    java.util.List<Integer> at = new java.util.ArrayList<>();
    for (int i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, i + 1)) {
      at.add(i);
    }
    int cut = at.get(random.nextInt(at.size()));
    return new String[] {text.substring(0, cut), text.substring(cut + 1)};
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
      if (random.nextInt(4) == 0) {
        // the same text, cut at another dot ("a.b" "c" and "a" "b.c") or at another slash
        if (random.nextBoolean()) {
          String[] cut = recut(a[0] + "." + a[2], ".", random);
          b = new String[] {cut[0], ".", cut[1], "/", a[4]};
        } else {
          String[] cut = recut(a[2] + "/" + a[4], "/", random);
          b = new String[] {a[0], ".", cut[0], "/", cut[1]};
        }
      }
      int expected = Integer.signum(String.join("", a).compareTo(String.join("", b)));
      if (expected == 0) {
        // the same text from other parts ("a.b" "c" and "a" "b.c"): schema, then table, decide
        expected = Integer.signum(a[0].compareTo(b[0]));
        if (expected == 0) {
          expected = Integer.signum(a[2].compareTo(b[2]));
        }
      }
      int expectedJoined = Integer.signum((a[0] + "." + a[2]).compareTo(b[0] + "." + b[2]));
      if (expectedJoined == 0) {
        expectedJoined = Integer.signum(a[0].compareTo(b[0]));
      }

      assertThat(Integer.signum(CatalogSnapshot.compareParts(a, b)))
          .as("%s vs %s", String.join("", a), String.join("", b))
          .isEqualTo(Integer.signum(String.join("", a).compareTo(String.join("", b))));
      assertThat(Integer.signum(CatalogSnapshot.path(a[0], a[2], a[4], b[0], b[2], b[4])))
          .isEqualTo(expected);
      assertThat(Integer.signum(CatalogSnapshot.joined(a[0], a[2], b[0], b[2])))
          .isEqualTo(expectedJoined);
    }
  }
}
