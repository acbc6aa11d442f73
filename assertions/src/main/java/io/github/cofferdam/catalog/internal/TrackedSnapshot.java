package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.SnapshotException;
import io.github.cofferdam.catalog.SnapshotOptions;
import io.github.cofferdam.catalog.internal.CatalogKind.Space;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import java.sql.Connection;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A snapshot that can be brought up to date by reading again only what changed: it remembers the
 * OID of every table, view, sequence, function and enum type it holds, so that a change named by
 * OID (a new, altered or dropped object) replaces exactly that object's entries and the entries of
 * everything under it (columns, constraints, indexes, triggers, policies, privileges, data). The
 * schema diff is computed over the replaced entries only.
 *
 * <p>The caller says what changed (an event trigger, {@code xmin} of catalog rows, or its own
 * knowledge); a change it does not report is not seen. When in doubt, report {@link
 * Changes#everything()}: the catalog is read whole and diffed whole.
 */
public final class TrackedSnapshot {

  private final CatalogSnapshot snapshot;
  private final SnapshotOptions options;

  /** Owner key by OID, per space (relations, functions, enum types). */
  private final Map<Space, Map<Long, Object>> oids;

  /** The owner key of every privilege, by identity. */
  private final Map<Object, Object> owners;

  private TrackedSnapshot(
      CatalogSnapshot snapshot,
      SnapshotOptions options,
      Map<Space, Map<Long, Object>> oids,
      Map<Object, Object> owners) {
    this.snapshot = snapshot;
    this.options = options;
    this.oids = oids;
    this.owners = owners;
  }

  /**
   * Reads the whole database as the options say, and remembers the OIDs.
   *
   * @throws SnapshotException when a catalog query fails
   */
  public static TrackedSnapshot capture(Connection connection, SnapshotOptions options) {
    CatalogReader reader = new CatalogReader(connection, options);
    Parts parts = reader.read(null);
    Map<Space, Map<Long, Object>> oids = new EnumMap<>(Space.class);
    for (Space space : List.of(Space.RELATIONS, Space.FUNCTIONS, Space.ENUMS)) {
      oids.put(space, parts.oids(space));
    }
    return new TrackedSnapshot(reader.snapshot(parts), options, oids, parts.owners);
  }

  /** The snapshot. */
  public CatalogSnapshot snapshot() {
    return snapshot;
  }

  /**
   * The tables of this snapshot that print as one of {@code printed} ({@code schema.name}), by
   * binary search: for callers that know tables by their printed name only. Both {@code "a.b".c}
   * and {@code a."b.c"} print as {@code a.b.c}: each that exists is in the result.
   */
  public Set<QualifiedName> tablesNamed(Collection<String> printed) {
    Set<QualifiedName> found = new HashSet<>();
    List<CatalogSnapshot.Table> tables = snapshot.tables();
    for (String name : printed) {
      // every (schema, name) it may stand for: "a.b.c" is "a.b" "c" or "a" "b.c"
      for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
        QualifiedName candidate =
            new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
        int at =
            Ordering.firstWhere(
                tables,
                t ->
                    QualifiedName.compare(
                            t.schema(), t.name(), candidate.schema(), candidate.name())
                        >= 0);
        if (at < tables.size() && candidate.is(tables.get(at).schema(), tables.get(at).name())) {
          found.add(candidate);
        }
      }
    }
    return found;
  }

  /**
   * What changed since a snapshot.
   *
   * @param relations OIDs of tables, views and sequences that were created, altered, rewritten,
   *     truncated or dropped, or that depend on something renamed or altered
   * @param relationNames relations to read again by name (for changes known by name: a constraint
   *     or index that was dropped, whose table OID is no longer in the catalog)
   * @param functions OIDs of functions and procedures created, altered or dropped
   * @param enums OIDs of enum types created, altered or dropped
   * @param rewritten OIDs of relations whose rows may have changed (created, altered, truncated,
   *     rewritten): their data is read again
   * @param written tables whose rows may have changed (INSERT, UPDATE, DELETE): their data is read
   *     again
   * @param everything whether to read the whole catalog (schemas, extensions or settings changed,
   *     or a change could not be placed)
   * @param kinds what relations are, as they are now, where known: when it is known for every
   *     relation read again, a read leaves out what none of them can be or have (views, sequences,
   *     triggers, policies, privileges)
   * @param functionPrivileges whether functions have privileges granted (a non-default ACL), where
   *     known: when it is known for every function read again and none has, a read leaves out the
   *     function privileges query
   */
  public record Changes(
      Set<Long> relations,
      Set<QualifiedName> relationNames,
      Set<Long> functions,
      Set<Long> enums,
      Set<Long> rewritten,
      Set<QualifiedName> written,
      boolean everything,
      Map<Long, Kind> kinds,
      Map<Long, Boolean> functionPrivileges) {

    /** Changes without what functions' privileges are (a read then reads them). */
    public Changes(
        Set<Long> relations,
        Set<QualifiedName> relationNames,
        Set<Long> functions,
        Set<Long> enums,
        Set<Long> rewritten,
        Set<QualifiedName> written,
        boolean everything,
        Map<Long, Kind> kinds) {
      this(
          relations,
          relationNames,
          functions,
          enums,
          rewritten,
          written,
          everything,
          kinds,
          Map.of());
    }

    /** Copies. */
    public Changes {
      relations = Set.copyOf(relations);
      relationNames = Set.copyOf(relationNames);
      functions = Set.copyOf(functions);
      enums = Set.copyOf(enums);
      rewritten = Set.copyOf(rewritten);
      written = Set.copyOf(written);
      kinds = Map.copyOf(kinds);
      functionPrivileges = Map.copyOf(functionPrivileges);
    }

    /** Whether nothing at all is named. */
    boolean none() {
      return relations.isEmpty()
          && relationNames.isEmpty()
          && functions.isEmpty()
          && enums.isEmpty()
          && rewritten.isEmpty()
          && written.isEmpty();
    }
  }

  /**
   * What a relation is, as far as a read is concerned.
   *
   * @param relkind its {@code pg_class.relkind} ({@code r}, {@code p}, {@code v}, {@code m}, {@code
   *     S}, ...)
   * @param triggers whether it may have triggers ({@code pg_class.relhastriggers}: it has or had
   *     one)
   * @param policies whether it has a row-level security policy
   * @param privileges whether it has privileges granted ({@code pg_class.relacl} is set)
   */
  public record Kind(String relkind, boolean triggers, boolean policies, boolean privileges) {

    /** A kind that may have privileges granted. */
    public Kind(String relkind, boolean triggers, boolean policies) {
      this(relkind, triggers, policies, true);
    }
  }

  /**
   * A snapshot brought up to date, and its schema changes.
   *
   * @param tracked the new snapshot
   * @param schemaChanges what changed in the schema since the old one
   */
  public record Refreshed(TrackedSnapshot tracked, SchemaDiff schemaChanges) {

    /** The new snapshot's catalog. */
    public CatalogSnapshot snapshot() {
      return tracked.snapshot();
    }
  }

  /**
   * Reads again what {@code changes} names and patches this snapshot; data is read again for
   * written and rewritten tables, and for new and renamed ones (when this snapshot has data).
   *
   * @throws SnapshotException when a catalog query fails
   */
  public Refreshed refresh(Connection connection, Changes changes) {
    if (changes.everything()) {
      return refreshEverything(connection, changes);
    }
    if (changes.none()) {
      return new Refreshed(this, new SchemaDiff(List.of()));
    }
    Set<Long> dirty = new HashSet<>(changes.relations());
    if (!changes.relationNames().isEmpty()) {
      oids.get(Space.RELATIONS)
          .forEach(
              (oid, name) -> {
                if (changes.relationNames().contains(name)) {
                  dirty.add(oid);
                }
              });
    }
    Parts fresh = new CatalogReader(connection, options).read(scope(changes, dirty));
    Map<Space, Set<Object>> gone = new EnumMap<>(Space.class);
    gone.put(Space.RELATIONS, keys(Space.RELATIONS, dirty, fresh));
    gone.get(Space.RELATIONS).addAll(changes.relationNames());
    gone.put(Space.FUNCTIONS, keys(Space.FUNCTIONS, changes.functions(), fresh));
    gone.put(Space.ENUMS, keys(Space.ENUMS, changes.enums(), fresh));

    Patch patch = new Patch(snapshot, owners, gone, fresh);
    Parts old = patch.old;
    SchemaDiff diff =
        SchemaDiff.between(old.snapshotWithin(snapshot), fresh.snapshotWithin(snapshot));
    List<TableData> data = List.of();
    List<CatalogSnapshot.Table> tables = patch.list(CatalogKinds.TABLES);
    if (options.data()) {
      Set<QualifiedName> refresh = new HashSet<>(changes.written());
      refresh.addAll(named(fresh.oids(Space.RELATIONS), changes.rewritten()));
      @SuppressWarnings("unchecked")
      Set<QualifiedName> affected = (Set<QualifiedName>) (Set<?>) gone.get(Space.RELATIONS);
      data =
          refresh.isEmpty() && tables == snapshot.tables()
              ? snapshot.data()
              : DataPatch.patched(
                  tables,
                  snapshot,
                  connection,
                  affected,
                  refresh,
                  patch.list(CatalogKinds.COLUMNS));
    }
    // a kind that did not change keeps its list: the new snapshot shares it with this one
    CatalogSnapshot patched = Snapshots.of(patch::list, data);
    Map<Space, Map<Long, Object>> next = new EnumMap<>(Space.class);
    next.put(Space.RELATIONS, patched(Space.RELATIONS, dirty, fresh));
    next.put(Space.FUNCTIONS, patched(Space.FUNCTIONS, changes.functions(), fresh));
    next.put(Space.ENUMS, patched(Space.ENUMS, changes.enums(), fresh));
    return new Refreshed(new TrackedSnapshot(patched, options, next, patch.owners), diff);
  }

  /** What a partial read of {@code changes} covers. */
  private static Scope scope(Changes changes, Set<Long> dirty) {
    return new Scope(
        dirty,
        changes.functions(),
        changes.enums(),
        changes.kinds().keySet().containsAll(dirty)
            ? dirty.stream().map(changes.kinds()::get).collect(Collectors.toSet())
            : null,
        !changes.functionPrivileges().keySet().containsAll(changes.functions())
            || changes.functions().stream().anyMatch(changes.functionPrivileges()::get));
  }

  /** The keys of what is read again in {@code space}: as it was known, and as it is now. */
  private Set<Object> keys(Space space, Set<Long> reread, Parts fresh) {
    Set<Object> keys = new HashSet<>(named(oids.get(space), reread));
    keys.addAll(fresh.oids(space).values());
    return keys;
  }

  @SuppressWarnings("unchecked")
  private static <K> Set<K> named(Map<Long, Object> known, Set<Long> oids) {
    Set<K> names = new HashSet<>();
    for (Long oid : oids) {
      Object name = known.get(oid);
      if (name != null) {
        names.add((K) name);
      }
    }
    return names;
  }

  private Refreshed refreshEverything(Connection connection, Changes changes) {
    TrackedSnapshot catalog = capture(connection, options.withoutData());
    SchemaDiff diff = SchemaDiff.between(snapshot, catalog.snapshot);
    CatalogSnapshot now = catalog.snapshot;
    if (options.data()) {
      Set<QualifiedName> refresh = new HashSet<>(changes.written());
      refresh.addAll(named(catalog.oids.get(Space.RELATIONS), changes.rewritten()));
      Set<String> printed = new HashSet<>();
      for (SchemaChange c : diff.changes()) {
        if (c.path().startsWith("table ")) {
          String table = c.path().substring("table ".length());
          int slash = table.indexOf(" / ");
          printed.add(slash < 0 ? table : table.substring(0, slash));
        }
      }
      refresh.addAll(catalog.tablesNamed(printed));
      now = Snapshots.withDataFrom(now, snapshot, connection, refresh);
    }
    return new Refreshed(new TrackedSnapshot(now, options, catalog.oids, catalog.owners), diff);
  }

  private Map<Long, Object> patched(Space space, Set<Long> reread, Parts fresh) {
    Map<Long, Object> known = oids.get(space);
    Map<Long, Object> found = fresh.oids(space);
    if (reread.isEmpty() && found.isEmpty()) {
      return known;
    }
    Map<Long, Object> next = new HashMap<>(known);
    reread.forEach(next::remove);
    next.putAll(found);
    return next;
  }
}
