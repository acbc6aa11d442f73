package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a read found, kind by kind, with the OID of every object named by OID (relations, functions,
 * enum types) and the owner of every entry of a kind not ordered by owner (privileges).
 */
final class Parts {
  private final Map<CatalogKind<?>, List<Object>> lists = new HashMap<>();
  private final Map<CatalogKind.Space, Map<Long, Object>> oids =
      new EnumMap<>(CatalogKind.Space.class);

  /** Owner keys of entries of kinds not ordered by owner, by identity. */
  final Map<Object, Object> owners = new IdentityHashMap<>();

  /** The entries found of {@code kind}, to add to. */
  @SuppressWarnings("unchecked")
  <T> List<T> list(CatalogKind<T> kind) {
    return (List<T>) lists.computeIfAbsent(kind, k -> new ArrayList<>());
  }

  /** The owner key of every object read in {@code space}, by OID, to add to. */
  Map<Long, Object> oids(CatalogKind.Space space) {
    return oids.computeIfAbsent(space, s -> new HashMap<>());
  }

  /** A snapshot of what was found (empty lists for kinds not read), with {@code data}. */
  CatalogSnapshot snapshot(List<TableData> data) {
    return Snapshots.of(this::list, data);
  }

  /** As {@link #snapshot}, with the schemas and extensions of {@code whole}. */
  CatalogSnapshot snapshotWithin(CatalogSnapshot whole) {
    return Snapshots.of(
        kind -> kind.space() == CatalogKind.Space.WHOLE ? kind.of(whole) : list(kind), List.of());
  }
}
