package io.github.cofferdam.catalog;

import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.diff.SchemaChange;
import io.github.cofferdam.diff.SchemaDiff;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 *
 * @since 0.1.0
 */
public final class TrackedSnapshot {

  private final CatalogSnapshot snapshot;
  private final SnapshotOptions options;
  private final Map<Long, String> relations;
  private final Map<Long, String> functions;
  private final Map<Long, String> enums;

  private TrackedSnapshot(
      CatalogSnapshot snapshot,
      SnapshotOptions options,
      Map<Long, String> relations,
      Map<Long, String> functions,
      Map<Long, String> enums) {
    this.snapshot = snapshot;
    this.options = options;
    this.relations = relations;
    this.functions = functions;
    this.enums = enums;
  }

  /**
   * Reads the whole database as the options say, and remembers the OIDs.
   *
   * @throws SnapshotException when a catalog query fails
   */
  public static TrackedSnapshot capture(Connection connection, SnapshotOptions options) {
    CatalogReader reader = new CatalogReader(connection, options);
    CatalogReader.Parts parts = reader.read(null);
    return new TrackedSnapshot(
        reader.snapshot(parts), options, parts.relationOids, parts.functionOids, parts.enumOids);
  }

  /** The snapshot. */
  public CatalogSnapshot snapshot() {
    return snapshot;
  }

  /**
   * What changed since a snapshot.
   *
   * @param relations OIDs of tables, views and sequences that were created, altered, rewritten,
   *     truncated or dropped, or that depend on something renamed or altered
   * @param relationNames qualified names of relations to read again (for changes known by name: a
   *     constraint or index that was dropped, whose table OID is no longer in the catalog)
   * @param functions OIDs of functions and procedures created, altered or dropped
   * @param enums OIDs of enum types created, altered or dropped
   * @param rewritten OIDs of relations whose rows may have changed (created, altered, truncated,
   *     rewritten): their data is read again
   * @param written qualified names of tables whose rows may have changed (INSERT, UPDATE, DELETE):
   *     their data is read again
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
      Set<String> relationNames,
      Set<Long> functions,
      Set<Long> enums,
      Set<Long> rewritten,
      Set<String> written,
      boolean everything,
      Map<Long, Kind> kinds,
      Map<Long, Boolean> functionPrivileges) {

    /** Changes without what functions' privileges are (a read then reads them). */
    public Changes(
        Set<Long> relations,
        Set<String> relationNames,
        Set<Long> functions,
        Set<Long> enums,
        Set<Long> rewritten,
        Set<String> written,
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
    if (changes.relations().isEmpty()
        && changes.relationNames().isEmpty()
        && changes.functions().isEmpty()
        && changes.enums().isEmpty()
        && changes.rewritten().isEmpty()
        && changes.written().isEmpty()) {
      return new Refreshed(this, new SchemaDiff(List.of()));
    }
    Set<Long> dirty = new HashSet<>(changes.relations());
    Set<String> forget = new HashSet<>(changes.relationNames());
    if (!changes.relationNames().isEmpty()) {
      relations.forEach(
          (oid, name) -> {
            if (changes.relationNames().contains(name)) {
              dirty.add(oid);
            }
          });
    }
    // two relations may share a qualified name ("a.b".c and a."b.c" are both a.b.c): entries are
    // told apart by name below, so whatever shares a name with a relation read again is read too.
    // Only a name with two dots or more can be shared (one dot: one schema, one name).
    Set<String> shareable = names(relations, dirty);
    shareable.removeIf(name -> name.indexOf('.') == name.lastIndexOf('.'));
    if (!shareable.isEmpty()) {
      relations.forEach(
          (oid, name) -> {
            if (shareable.contains(name)) {
              dirty.add(oid);
            }
          });
    }
    for (Long oid : dirty) {
      String name = relations.get(oid);
      if (name != null) {
        forget.add(name);
      }
    }
    Set<String> forgetFunctions = names(functions, changes.functions());
    Set<String> forgetEnums = names(enums, changes.enums());
    CatalogReader.Parts fresh =
        new CatalogReader(connection, options)
            .read(
                new CatalogReader.Scope(
                    dirty,
                    changes.functions(),
                    changes.enums(),
                    changes.kinds().keySet().containsAll(dirty)
                        ? dirty.stream()
                            .map(changes.kinds()::get)
                            .collect(java.util.stream.Collectors.toSet())
                        : null,
                    !changes.functionPrivileges().keySet().containsAll(changes.functions())
                        || changes.functions().stream()
                            .anyMatch(changes.functionPrivileges()::get)));
    forget.addAll(fresh.relationOids.values());
    forgetFunctions.addAll(fresh.functionOids.values());
    forgetEnums.addAll(fresh.enumOids.values());

    // the lists are sorted: the entries of a relation are found by binary search, and the fresh
    // ones go in at their places, so that a refresh costs no more with a large schema
    CatalogReader.Parts old = new CatalogReader.Parts();
    List<String[]> gone = candidates(forget);
    List<CatalogSnapshot.Table> tables =
        relations(
            snapshot.tables(),
            CatalogSnapshot.TABLE_ORDER,
            CatalogSnapshot.Table::schema,
            CatalogSnapshot.Table::name,
            gone,
            fresh.tables,
            old.tables);
    List<CatalogSnapshot.Column> columns =
        relations(
            snapshot.columns(),
            CatalogSnapshot.COLUMN_ORDER,
            CatalogSnapshot.Column::schema,
            CatalogSnapshot.Column::relation,
            gone,
            fresh.columns,
            old.columns);
    List<CatalogSnapshot.Constraint> constraints =
        inTables(
            snapshot.constraints(),
            CatalogSnapshot.CONSTRAINT_ORDER,
            c -> new String[] {c.schema(), c.table(), c.name()},
            gone,
            fresh.constraints,
            old.constraints);
    List<CatalogSnapshot.Index> indexes =
        inTables(
            snapshot.indexes(),
            CatalogSnapshot.INDEX_ORDER,
            i -> new String[] {i.schema(), i.table(), i.name()},
            gone,
            fresh.indexes,
            old.indexes);
    List<CatalogSnapshot.View> views =
        relations(
            snapshot.views(),
            CatalogSnapshot.VIEW_ORDER,
            CatalogSnapshot.View::schema,
            CatalogSnapshot.View::name,
            gone,
            fresh.views,
            old.views);
    List<CatalogSnapshot.Trigger> triggers =
        inTables(
            snapshot.triggers(),
            CatalogSnapshot.TRIGGER_ORDER,
            t -> new String[] {t.schema(), t.table(), t.name()},
            gone,
            fresh.triggers,
            old.triggers);
    List<CatalogSnapshot.Sequence> sequences =
        relations(
            snapshot.sequences(),
            CatalogSnapshot.SEQUENCE_ORDER,
            CatalogSnapshot.Sequence::schema,
            CatalogSnapshot.Sequence::name,
            gone,
            fresh.sequences,
            old.sequences);
    List<CatalogSnapshot.Policy> policies =
        inTables(
            snapshot.policies(),
            CatalogSnapshot.POLICY_ORDER,
            p -> new String[] {p.schema(), p.table(), p.name()},
            gone,
            fresh.policies,
            old.policies);
    List<String[]> goneFunctions = new ArrayList<>();
    forgetFunctions.forEach(signature -> goneFunctions.add(new String[] {signature, ""}));
    List<CatalogSnapshot.Function> functions =
        replace(
            snapshot.functions(),
            CatalogSnapshot.FUNCTION_ORDER,
            (f, signature, unused) ->
                CatalogSnapshot.compareParts(
                    CatalogSnapshot.signature(f), new String[] {signature}),
            (f, signature, unused) ->
                CatalogSnapshot.compareParts(CatalogSnapshot.signature(f), new String[] {signature})
                    == 0,
            goneFunctions,
            fresh.functions,
            old.functions);
    CatalogReader.Parts kept = new CatalogReader.Parts();
    List<CatalogSnapshot.EnumType> enumTypes =
        relations(
            snapshot.enums(),
            CatalogSnapshot.ENUM_ORDER,
            CatalogSnapshot.EnumType::schema,
            CatalogSnapshot.EnumType::name,
            candidates(forgetEnums),
            fresh.enums,
            old.enums);
    for (CatalogSnapshot.Privilege p : snapshot.privileges()) {
      boolean stale =
          p.objectType().equals("table")
              ? forget.contains(p.object())
              : forgetFunctions.contains(p.object());
      (stale ? old.privileges : kept.privileges).add(p);
    }
    SchemaDiff diff =
        SchemaDiff.between(
            old.snapshot(snapshot.schemas(), snapshot.extensions(), List.of()),
            fresh.snapshot(snapshot.schemas(), snapshot.extensions(), List.of()));
    List<TableData> data = List.of();
    if (options.data()) {
      Set<String> refresh = new HashSet<>(changes.written());
      for (Long oid : changes.rewritten()) {
        String name = fresh.relationOids.get(oid);
        if (name != null) {
          refresh.add(name);
        }
      }
      data =
          refresh.isEmpty() && tables == snapshot.tables()
              ? snapshot.data()
              : CatalogSnapshot.patchedData(tables, snapshot, connection, forget, refresh, columns);
    }
    // a kind that did not change keeps its list: the new snapshot shares it with this one
    CatalogSnapshot patched =
        new CatalogSnapshot(
            snapshot.schemas(),
            tables,
            columns,
            constraints,
            indexes,
            views,
            functions,
            triggers,
            enumTypes,
            sequences,
            snapshot.extensions(),
            policies,
            merged(snapshot.privileges(), kept.privileges, fresh.privileges),
            data);
    return new Refreshed(
        new TrackedSnapshot(
            patched,
            options,
            patch(relations, dirty, fresh.relationOids),
            patch(this.functions, changes.functions(), fresh.functionOids),
            patch(enums, changes.enums(), fresh.enumOids)),
        diff);
  }

  private Refreshed refreshEverything(Connection connection, Changes changes) {
    TrackedSnapshot catalog = capture(connection, options.withoutData());
    SchemaDiff diff = SchemaDiff.between(snapshot, catalog.snapshot);
    CatalogSnapshot now = catalog.snapshot;
    if (options.data()) {
      Set<String> refresh = new TreeSet<>(changes.written());
      for (Long oid : changes.rewritten()) {
        String name = catalog.relations.get(oid);
        if (name != null) {
          refresh.add(name);
        }
      }
      for (SchemaChange c : diff.changes()) {
        if (c.path().startsWith("table ")) {
          String table = c.path().substring("table ".length());
          int slash = table.indexOf(" / ");
          refresh.add(slash < 0 ? table : table.substring(0, slash));
        }
      }
      now = now.withDataFrom(snapshot, connection, refresh);
    }
    return new Refreshed(
        new TrackedSnapshot(now, options, catalog.relations, catalog.functions, catalog.enums),
        diff);
  }

  private static Set<String> names(Map<Long, String> known, Set<Long> oids) {
    Set<String> names = new HashSet<>();
    for (Long oid : oids) {
      String name = known.get(oid);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  /** Where an entry stands against the block of one relation: before it, in it (0), after it. */
  @FunctionalInterface
  private interface Locator<T> {
    int locate(T entry, String schema, String name);
  }

  /** Whether an entry belongs to one relation. */
  @FunctionalInterface
  private interface Owner<T> {
    boolean owns(T entry, String schema, String name);
  }

  /**
   * {@link #replace} for a kind keyed by {@code schema.name} (a relation, an enum type) and ordered
   * by it.
   */
  private static <T> List<T> relations(
      List<T> sorted,
      java.util.Comparator<T> order,
      java.util.function.Function<T, String> schema,
      java.util.function.Function<T, String> name,
      List<String[]> gone,
      List<T> fresh,
      List<T> old) {
    return replace(
        sorted,
        order,
        (e, s, n) -> CatalogSnapshot.joined(schema.apply(e), name.apply(e), s, n),
        (e, s, n) -> schema.apply(e).equals(s) && name.apply(e).equals(n),
        gone,
        fresh,
        old);
  }

  /**
   * {@link #replace} for a kind that belongs to tables, ordered by {@code schema.table/name}
   * ({@code path}: those three of an entry): the entries of a table start with {@code
   * schema.table/}.
   */
  private static <T> List<T> inTables(
      List<T> sorted,
      java.util.Comparator<T> order,
      java.util.function.Function<T, String[]> path,
      List<String[]> gone,
      List<T> fresh,
      List<T> old) {
    return replace(
        sorted,
        order,
        (e, schema, table) -> {
          String[] p = path.apply(e);
          return CatalogSnapshot.inTable(p[0], p[1], p[2], schema, table);
        },
        (e, schema, table) -> {
          String[] p = path.apply(e);
          return p[0].equals(schema) && p[1].equals(table);
        },
        gone,
        fresh,
        old);
  }

  /**
   * Every (schema, name) a qualified name may stand for: "a.b.c" is schema "a.b", name "c" or
   * schema "a", name "b.c".
   */
  private static List<String[]> candidates(Set<String> qualified) {
    List<String[]> out = new ArrayList<>();
    for (String q : qualified) {
      for (int dot = q.indexOf('.'); dot >= 0; dot = q.indexOf('.', dot + 1)) {
        out.add(new String[] {q.substring(0, dot), q.substring(dot + 1)});
      }
    }
    return out;
  }

  /**
   * {@code sorted} (in {@code order}) without the entries of the {@code gone} relations, which go
   * to {@code old}, and with {@code fresh}, each at its place: sorted without sorting it whole, by
   * binary searches. The very list when nothing changes.
   */
  private static <T> List<T> replace(
      List<T> sorted,
      java.util.Comparator<T> order,
      Locator<T> locator,
      Owner<T> owner,
      List<String[]> gone,
      List<T> fresh,
      List<T> old) {
    java.util.BitSet removed = new java.util.BitSet(sorted.size());
    for (String[] g : gone) {
      int[] at = CatalogSnapshot.range(sorted, e -> locator.locate(e, g[0], g[1]));
      for (int i = at[0]; i < at[1]; i++) {
        T e = sorted.get(i);
        if (!removed.get(i) && owner.owns(e, g[0], g[1])) {
          removed.set(i);
          old.add(e);
        }
      }
    }
    if (removed.isEmpty() && fresh.isEmpty()) {
      return sorted;
    }
    List<T> adds = new ArrayList<>(fresh);
    adds.sort(order);
    Object[] out = new Object[sorted.size() - removed.cardinality() + adds.size()];
    int o = 0;
    int i = 0;
    for (T f : adds) {
      // after the entries equal to it, as a stable sort of the kept entries and then the fresh
      int at = CatalogSnapshot.firstWhere(sorted, e -> order.compare(e, f) > 0);
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
    return CatalogSnapshot.presorted(out);
  }

  /** The original list when nothing of it was replaced, else what was kept plus what is fresh. */
  private static <T> List<T> merged(List<T> original, List<T> kept, List<T> fresh) {
    if (fresh.isEmpty() && kept.size() == original.size()) {
      return original;
    }
    List<T> all = new ArrayList<>(kept.size() + fresh.size());
    all.addAll(kept);
    all.addAll(fresh);
    return all;
  }

  private static <T> void split(
      List<T> items, java.util.function.Predicate<T> stale, List<T> old, List<T> kept) {
    for (T item : items) {
      (stale.test(item) ? old : kept).add(item);
    }
  }

  private static Map<Long, String> patch(
      Map<Long, String> known, Set<Long> reread, Map<Long, String> found) {
    if (reread.isEmpty() && found.isEmpty()) {
      return known;
    }
    Map<Long, String> next = new HashMap<>(known);
    reread.forEach(next::remove);
    next.putAll(found);
    return next;
  }
}
