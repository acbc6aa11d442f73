package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.internal.CatalogKind.Space;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One refresh's lists, kind by kind: a snapshot's lists without the entries of the owners read
 * again ({@code gone}), which go to {@link #old}, and with the fresh entries, each at its place.
 */
final class Patch {

  /** The entries replaced, for the schema diff. */
  final Parts old = new Parts();

  /** The owners of privileges after the patch. */
  final Map<Object, Object> owners;

  private final Map<CatalogKind<?>, List<?>> lists = new HashMap<>();

  Patch(
      CatalogSnapshot snapshot,
      Map<Object, Object> owners,
      Map<Space, Set<Object>> gone,
      Parts fresh) {
    Map<Object, Object> nextOwners = owners;
    for (CatalogKind<?> kind : CatalogKinds.ALL) {
      if (kind.space() == Space.WHOLE) {
        lists.put(kind, kind.of(snapshot));
      } else if (kind.owner != null) {
        lists.put(kind, replace(kind, snapshot, gone.get(kind.space()), fresh));
      } else {
        nextOwners = unordered(kind, snapshot, owners, gone, fresh);
      }
    }
    this.owners = nextOwners;
  }

  /** The patched list of {@code kind}. */
  @SuppressWarnings("unchecked")
  <T> List<T> list(CatalogKind<T> kind) {
    return (List<T>) lists.get(kind);
  }

  /**
   * {@code sorted} without the entries of the {@code gone} owners, and with the fresh ones, each at
   * its place: by binary searches, without sorting the whole. The very list when nothing changes.
   */
  private <T> List<T> replace(
      CatalogKind<T> kind, CatalogSnapshot snapshot, Set<Object> gone, Parts fresh) {
    List<T> sorted = kind.of(snapshot);
    BitSet removed = new BitSet(sorted.size());
    List<T> replaced = old.list(kind);
    for (Object key : gone) {
      int[] at = Ordering.range(sorted, e -> kind.owner.locate(e, key));
      for (int i = at[0]; i < at[1]; i++) {
        if (!removed.get(i)) {
          removed.set(i);
          replaced.add(sorted.get(i));
        }
      }
    }
    List<T> adds = fresh.list(kind);
    if (removed.isEmpty() && adds.isEmpty()) {
      return sorted;
    }
    adds = new ArrayList<>(adds);
    adds.sort(kind.order);
    Object[] out = new Object[sorted.size() - removed.cardinality() + adds.size()];
    int o = 0;
    int i = 0;
    for (T f : adds) {
      // after the entries equal to it, as a stable sort of the kept entries and then the fresh
      int at = Ordering.firstWhere(sorted, e -> kind.order.compare(e, f) > 0);
      for (; i < at; i++) {
        if (!removed.get(i)) {
          out[o++] = sorted.get(i);
        }
      }
      out[o++] = f;
    }
    for (; i < sorted.size(); i++) {
      if (!removed.get(i)) {
        out[o++] = sorted.get(i);
      }
    }
    return new SortedList<>(out);
  }

  /**
   * A kind not ordered by owner (privileges): each entry's owner is looked up; the kept and the
   * fresh entries make the new list (the original when nothing of it changed). Returns the owners
   * after the patch.
   */
  private <T> Map<Object, Object> unordered(
      CatalogKind<T> kind,
      CatalogSnapshot snapshot,
      Map<Object, Object> owners,
      Map<Space, Set<Object>> gone,
      Parts fresh) {
    List<T> original = kind.of(snapshot);
    List<T> kept = new ArrayList<>(original.size());
    for (T entry : original) {
      Object owner = owners.get(entry);
      boolean stale =
          gone.get(Space.RELATIONS).contains(owner) || gone.get(Space.FUNCTIONS).contains(owner);
      (stale ? old.list(kind) : kept).add(entry);
    }
    List<T> adds = fresh.list(kind);
    if (adds.isEmpty() && kept.size() == original.size()) {
      lists.put(kind, original);
      return owners;
    }
    Map<Object, Object> next = new IdentityHashMap<>(owners);
    old.list(kind).forEach(next::remove);
    for (T entry : adds) {
      next.put(entry, fresh.owners.get(entry));
    }
    kept.addAll(adds);
    lists.put(kind, kept);
    return next;
  }
}
