package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.diff.ResultColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions whose result mirrors a table with other types ({@link Checks#drift}), kept up to
 * date from one snapshot to the next instead of computed again over the whole schema at every step.
 *
 * <p>A function mirrors the one table that has every one of its result columns (two or more), the
 * one with the fewest other columns ({@link ResultColumns#mirroredTable}). Functions with the same
 * result column names mirror the same table: they form a group, and each group keeps its candidate
 * tables by how many other columns they have. A step changes some tables and some functions; only
 * the groups those tables can belong to, and those functions, are looked at again. What changed is
 * found by walking the old and the new snapshot's sorted lists side by side: a snapshot brought up
 * to date by {@link io.github.cofferdam.catalog.internal.TrackedSnapshot} keeps the very same
 * entries for what it did not read again, so unchanged entries are told apart by identity. An entry
 * read again, or a snapshot read whole, only counts as changed: slower, never wrong.
 */
final class RpcDrifts {

  /** Functions with the same result column names. */
  private static final class Group {
    final List<String> names;
    final Set<String> functions = new HashSet<>();

    /** Candidate table → how many columns it has besides the result's. */
    final Map<String, Integer> candidates = new HashMap<>();

    /** The candidates by that number. */
    final TreeMap<Integer, Set<String>> byDistance = new TreeMap<>();

    /** The mirrored table, or {@code null} when none or no single best one. */
    String best;

    Group(List<String> names) {
      this.names = names;
    }

    void add(String table, int distance) {
      candidates.put(table, distance);
      byDistance.computeIfAbsent(distance, d -> new HashSet<>()).add(table);
    }

    boolean remove(String table) {
      Integer distance = candidates.remove(table);
      if (distance == null) {
        return false;
      }
      Set<String> at = byDistance.get(distance);
      at.remove(table);
      if (at.isEmpty()) {
        byDistance.remove(distance);
      }
      return true;
    }

    /** The one closest candidate, or {@code null} when there is none or a tie. */
    String best() {
      if (byDistance.isEmpty()) {
        return null;
      }
      Set<String> closest = byDistance.firstEntry().getValue();
      return closest.size() == 1 ? closest.iterator().next() : null;
    }
  }

  private CatalogSnapshot at;

  /** Table key → the table, and its column names. */
  private final Map<String, Table> tables = new HashMap<>();

  private final Map<String, Set<String>> namesOf = new HashMap<>();

  /** Column name → the keys of the tables that have it. */
  private final Map<String, Set<String>> withName = new HashMap<>();

  /** Function key → the function (only those with two result columns or more). */
  private final Map<String, Function> functions = new HashMap<>();

  private final Map<List<String>, Group> groups = new HashMap<>();

  /** First result column name → the groups that start with it. */
  private final Map<String, Set<Group>> groupsByFirst = new HashMap<>();

  /** Function key → its entry in {@link #drifts}. */
  private final Map<String, String> driftKeys = new HashMap<>();

  private final TreeMap<String, String> drifts = new TreeMap<>();

  private RpcDrifts(CatalogSnapshot at) {
    this.at = at;
  }

  /** The drifts of a snapshot, read whole. */
  static RpcDrifts of(CatalogSnapshot snapshot) {
    RpcDrifts d = new RpcDrifts(snapshot);
    Map<String, Table> allTables = new HashMap<>();
    snapshot.tables().forEach(t -> allTables.put(key(t), t));
    Map<String, Function> allFunctions = new HashMap<>();
    snapshot.functions().forEach(f -> allFunctions.put(key(f), f));
    d.apply(snapshot, allTables, allFunctions);
    return d;
  }

  /** The drifts now, as {@link Checks#drift} gives them. */
  Map<String, String> current() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(drifts));
  }

  /**
   * Brings the drifts up to date with {@code next}, looking only at what changed since the last.
   */
  Map<String, String> moveTo(CatalogSnapshot next) {
    // changed key → its table in next (null: gone, or not a table)
    Map<String, Table> changedTables = new HashMap<>();
    changed(at.tables(), next.tables(), RpcDrifts::key, changedTables);
    Map<String, Column> changedColumns = new HashMap<>();
    changed(at.columns(), next.columns(), c -> key(c.schema(), c.relation()), changedColumns);
    for (String relation : changedColumns.keySet()) {
      if (!changedTables.containsKey(relation)) {
        // its columns changed, its own entry did not: the same table as before (or a view)
        changedTables.put(relation, tables.get(relation));
      }
    }
    Map<String, Function> changedFunctions = new HashMap<>();
    changed(at.functions(), next.functions(), RpcDrifts::key, changedFunctions);
    at = next;
    apply(next, changedTables, changedFunctions);
    return current();
  }

  private void apply(
      CatalogSnapshot s, Map<String, Table> changedTables, Map<String, Function> changedFunctions) {
    Set<Group> touched = new LinkedHashSet<>();
    changedTables.forEach((key, table) -> retable(key, table, s, touched));
    Set<String> redo = new HashSet<>();
    changedFunctions.forEach(
        (key, function) -> {
          refunction(key, function, touched);
          redo.add(key);
        });
    for (Group g : touched) {
      String best = g.best();
      if (!java.util.Objects.equals(best, g.best)
          || (best != null && changedTables.containsKey(best))) {
        redo.addAll(g.functions);
      }
      g.best = best;
    }
    for (String function : redo) {
      String old = driftKeys.remove(function);
      if (old != null) {
        drifts.remove(old);
      }
      Function f = functions.get(function);
      if (f == null) {
        continue;
      }
      Group g = groups.get(names(f));
      if (g.best == null) {
        continue;
      }
      Table t = tables.get(g.best);
      List<String> d = ResultColumns.typeDrift(f, s.columnsOf(t.schema(), t.name()));
      if (!d.isEmpty()) {
        String entry = Checks.driftKey(f, t);
        drifts.put(entry, String.join("; ", d));
        driftKeys.put(function, entry);
      }
    }
  }

  /** A table changed, appeared ({@code table} its new state) or went ({@code null}). */
  private void retable(String key, Table table, CatalogSnapshot s, Set<Group> touched) {
    Set<String> old = namesOf.remove(key);
    if (old != null) {
      for (String n : old) {
        Set<String> keys = withName.get(n);
        keys.remove(key);
        if (keys.isEmpty()) {
          withName.remove(n);
        }
        for (Group g : groupsByFirst.getOrDefault(n, Set.of())) {
          if (g.remove(key)) {
            touched.add(g);
          }
        }
      }
      tables.remove(key);
    }
    if (table == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (Column c : s.columnsOf(table.schema(), table.name())) {
      names.add(c.name());
    }
    tables.put(key, table);
    namesOf.put(key, names);
    for (String n : names) {
      withName.computeIfAbsent(n, k -> new HashSet<>()).add(key);
      for (Group g : groupsByFirst.getOrDefault(n, Set.of())) {
        if (names.containsAll(g.names)) {
          g.add(key, names.size() - g.names.size());
          touched.add(g);
        }
      }
    }
  }

  /** A function changed, appeared ({@code f} its new state) or went ({@code null}). */
  private void refunction(String key, Function f, Set<Group> touched) {
    Function old = functions.remove(key);
    if (old != null) {
      Group g = groups.get(names(old));
      g.functions.remove(key);
      if (g.functions.isEmpty()) {
        groups.remove(g.names);
        Set<Group> first = groupsByFirst.get(g.names.get(0));
        first.remove(g);
        if (first.isEmpty()) {
          groupsByFirst.remove(g.names.get(0));
        }
        touched.remove(g);
      }
    }
    if (f == null || f.resultColumns().size() < 2) {
      return;
    }
    functions.put(key, f);
    List<String> names = names(f);
    Group g = groups.get(names);
    if (g == null) {
      g = new Group(names);
      groups.put(names, g);
      groupsByFirst.computeIfAbsent(names.get(0), k -> new HashSet<>()).add(g);
      for (String table : withName.getOrDefault(names.get(0), Set.of())) {
        Set<String> columns = namesOf.get(table);
        if (columns.containsAll(names)) {
          g.add(table, columns.size() - names.size());
        }
      }
      touched.add(g);
    }
    g.functions.add(key);
  }

  private static List<String> names(Function f) {
    List<String> names = new ArrayList<>(f.resultColumns().size());
    f.resultColumns().forEach(r -> names.add(r.name()));
    return names;
  }

  /**
   * Puts in {@code out} the keys whose entries differ between two lists sorted the same way (the
   * entries of one key next to each other), each with its (last) entry in {@code b}, or {@code
   * null} when {@code b} has none: equal entries are the same object. At a difference, both
   * entries' keys count as changed and are passed over in both lists.
   */
  static <T> void changed(
      List<T> a, List<T> b, java.util.function.Function<T, String> key, Map<String, T> out) {
    if (a == b) {
      return;
    }
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i) == b.get(j)) {
        i++;
        j++;
        continue;
      }
      Set<String> here = new HashSet<>(4);
      if (i < a.size()) {
        here.add(key.apply(a.get(i)));
      }
      if (j < b.size()) {
        here.add(key.apply(b.get(j)));
      }
      here.forEach(k -> out.putIfAbsent(k, null));
      while (i < a.size() && here.contains(key.apply(a.get(i)))) {
        i++;
      }
      while (j < b.size()) {
        String k = key.apply(b.get(j));
        if (!here.contains(k)) {
          break;
        }
        out.put(k, b.get(j++));
      }
    }
  }

  private static String key(Table t) {
    return key(t.schema(), t.name());
  }

  private static String key(String schema, String name) {
    return schema + '\0' + name;
  }

  private static String key(Function f) {
    return f.schema() + '\0' + f.name() + '\0' + f.arguments();
  }
}
