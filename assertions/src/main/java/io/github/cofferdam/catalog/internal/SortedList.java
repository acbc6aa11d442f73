package io.github.cofferdam.catalog.internal;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list already in its kind's order: a snapshot keeps it as it is instead of sorting a
 * copy, so that snapshots that share a list share the very object.
 *
 * @param <T> the entries
 */
final class SortedList<T> extends AbstractList<T> implements RandomAccess {
  private final Object[] items;

  /** Takes {@code items}, in order, as they are (no copy): the caller hands them over. */
  SortedList(Object[] items) {
    for (Object item : items) {
      Objects.requireNonNull(item);
    }
    this.items = items;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    return (T) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
