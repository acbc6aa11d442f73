package io.github.cofferdam.catalog.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/** Binary searches over the sorted lists of a snapshot, and sorting into them. */
final class Ordering {

  private Ordering() {}

  /**
   * {@code list} sorted in {@code order}, as a {@link SortedList}; the list itself if it is one.
   */
  static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
    if (list instanceof SortedList) {
      return list; // sorted before, in its kind's order: snapshots that share a list reuse it
    }
    List<T> copy = new ArrayList<>(list);
    copy.sort(order);
    return new SortedList<>(copy.toArray());
  }

  /**
   * The first index of a sorted list whose entry has {@code reached} (false before it, true from it
   * on).
   */
  static <T> int firstWhere(List<T> list, Predicate<T> reached) {
    int low = 0;
    int high = list.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (reached.test(list.get(mid))) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /**
   * Where the entries with {@code locate} 0 are in a sorted list ({@code locate} never decreases
   * along it): {@code {from, to}}.
   */
  static <T> int[] range(List<T> sorted, ToIntFunction<T> locate) {
    int from = firstWhere(sorted, e -> locate.applyAsInt(e) >= 0);
    int to = firstWhere(sorted, e -> locate.applyAsInt(e) > 0);
    return new int[] {from, Math.max(from, to)};
  }

  /** The entries with {@code locate} 0 (see {@link #range}), as a view. */
  static <T> List<T> block(List<T> sorted, ToIntFunction<T> locate) {
    int[] at = range(sorted, locate);
    return sorted.subList(at[0], at[1]);
  }
}
