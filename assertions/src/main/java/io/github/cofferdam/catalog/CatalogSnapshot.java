package io.github.cofferdam.catalog;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable photograph of a PostgreSQL database: its schema objects and, optionally, the row
 * count and data fingerprints of every table. Every list is sorted, so two snapshots of the same
 * database are equal and serialize to the same bytes ({@link SnapshotJson}).
 *
 * @param schemas the schemas that were read
 * @param tables tables, partitioned tables, partitions and foreign tables
 * @param columns the columns of tables, views and materialized views
 * @param constraints primary key, foreign key, unique, check and exclusion constraints
 * @param indexes indexes
 * @param views views and materialized views
 * @param functions functions and procedures
 * @param triggers triggers (not the internal ones of foreign keys)
 * @param enums enum types
 * @param sequences sequences
 * @param extensions installed extensions
 * @param policies row-level security policies
 * @param privileges privileges granted on tables and functions to roles other than the owner
 * @param data row counts and fingerprints, per table (empty when not captured)
 * @since 0.1.0
 */
public record CatalogSnapshot(
    List<String> schemas,
    List<Table> tables,
    List<Column> columns,
    List<Constraint> constraints,
    List<Index> indexes,
    List<View> views,
    List<Function> functions,
    List<Trigger> triggers,
    List<EnumType> enums,
    List<Sequence> sequences,
    List<Extension> extensions,
    List<Policy> policies,
    List<Privilege> privileges,
    List<TableData> data) {

  /** Copies and sorts every list. */
  public CatalogSnapshot {
    schemas = schemas.stream().sorted().collect(Collectors.toUnmodifiableList());
    tables = sorted(tables, TABLE_ORDER);
    columns = sorted(columns, COLUMN_ORDER);
    constraints = sorted(constraints, CONSTRAINT_ORDER);
    indexes = sorted(indexes, INDEX_ORDER);
    views = sorted(views, VIEW_ORDER);
    functions = sorted(functions, FUNCTION_ORDER);
    triggers = sorted(triggers, TRIGGER_ORDER);
    enums = sorted(enums, ENUM_ORDER);
    sequences = sorted(sequences, SEQUENCE_ORDER);
    extensions = sorted(extensions, Comparator.comparing(Extension::name));
    policies = sorted(policies, POLICY_ORDER);
    privileges =
        sorted(
            privileges,
            (a, b) ->
                compareParts(
                    new String[] {
                      a.objectType(), " ", a.object(), "/", a.grantee(), "/", a.privilege()
                    },
                    new String[] {
                      b.objectType(), " ", b.object(), "/", b.grantee(), "/", b.privilege()
                    }));
    data = sorted(data, (a, b) -> joined(a.schema(), a.table(), b.schema(), b.table()));
  }

  /**
   * {@code a1 + "." + a2} compared with {@code b1 + "." + b2} as {@link String#compareTo} would,
   * without building the strings: sorting a large snapshot made most of its garbage there.
   */
  static int joined(String a1, String a2, String b1, String b2) {
    if (a1.equals(b1)) {
      return a2.compareTo(b2);
    }
    int c = compareParts(new String[] {a1, ".", a2}, new String[] {b1, ".", b2});
    // "a.b".c and a."b.c" print alike: the schema decides, so that the order is total
    return c != 0 ? c : a1.compareTo(b1);
  }

  /** {@code schema.table/name} paths, compared without building them. */
  static int path(String a1, String a2, String a3, String b1, String b2, String b3) {
    if (a1.equals(b1)) {
      if (a2.equals(b2)) {
        return a3.compareTo(b3);
      }
      int c = compareParts(new String[] {a2, "/", a3}, new String[] {b2, "/", b3});
      return c != 0 ? c : a2.compareTo(b2); // "t/x" / "y" and "t" / "x/y"
    }
    int c = compareParts(new String[] {a1, ".", a2, "/", a3}, new String[] {b1, ".", b2, "/", b3});
    return c != 0 ? c : a1.compareTo(b1); // same path, other schema: see joined
  }

  /** Compares the concatenations of {@code a} and {@code b}, char by char, like compareTo. */
  static int compareParts(String[] a, String[] b) {
    int ia = 0;
    int ib = 0;
    int pa = 0;
    int pb = 0;
    while (true) {
      while (ia < a.length && pa >= a[ia].length()) {
        ia++;
        pa = 0;
      }
      while (ib < b.length && pb >= b[ib].length()) {
        ib++;
        pb = 0;
      }
      if (ia == a.length || ib == b.length) {
        return (ia == a.length ? 0 : 1) - (ib == b.length ? 0 : 1);
      }
      char ca = a[ia].charAt(pa++);
      char cb = b[ib].charAt(pb++);
      if (ca != cb) {
        return ca - cb;
      }
    }
  }

  private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
    if (list instanceof Sorted) {
      return list; // sorted here before, for this very list: snapshots that share a list reuse it
    }
    List<T> copy = new ArrayList<>(list);
    copy.sort(order);
    return new Sorted<>(copy.toArray());
  }

  /** An immutable list that this class sorted. */
  private static final class Sorted<T> extends java.util.AbstractList<T>
      implements java.util.RandomAccess {
    private final Object[] items;

    Sorted(Object[] items) {
      for (Object item : items) {
        java.util.Objects.requireNonNull(item);
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

  /**
   * Reads every non-system schema of the database, with data.
   *
   * @throws SnapshotException when a catalog query fails
   */
  public static CatalogSnapshot capture(Connection connection) {
    return capture(connection, SnapshotOptions.defaults());
  }

  /**
   * Reads the database as the options say: one query per object kind, never one per table; row
   * counts and fingerprints are computed inside PostgreSQL.
   *
   * @throws SnapshotException when a catalog query fails
   */
  public static CatalogSnapshot capture(Connection connection, SnapshotOptions options) {
    return new CatalogReader(connection, options).read();
  }

  /**
   * This snapshot's catalog with data: the rows of {@code refresh} tables (and of tables {@code
   * previous} does not know) are counted and fingerprinted again; every other table keeps its data
   * from {@code previous}. For capturing only what a change touched: pass the tables it wrote to,
   * rewrote or altered.
   *
   * @throws SnapshotException when a data query fails
   */
  public CatalogSnapshot withDataFrom(
      CatalogSnapshot previous, Connection connection, java.util.Set<String> refresh) {
    return withData(dataOf(tables, previous, connection, refresh, columns));
  }

  /** This snapshot's catalog with {@code data} (the sorted lists are shared, not sorted again). */
  CatalogSnapshot withData(List<TableData> data) {
    return new CatalogSnapshot(
        schemas,
        tables,
        columns,
        constraints,
        indexes,
        views,
        functions,
        triggers,
        enums,
        sequences,
        extensions,
        policies,
        privileges,
        data);
  }

  /**
   * The data of {@code tables}: the {@code refresh} ones (by qualified name) and those {@code
   * previous} does not know are read again (their layout taken from the new catalog lists), the
   * others are taken from {@code previous}. The lists are sorted as a snapshot sorts them.
   */
  static List<TableData> dataOf(
      List<Table> tables,
      CatalogSnapshot previous,
      Connection connection,
      java.util.Set<String> refresh,
      List<Column> columns) {
    // both lists are sorted by schema.name: one walk through them pairs each table with its data
    java.util.BitSet again = new java.util.BitSet(tables.size());
    for (String name : refresh) {
      String[] probe = {name};
      int[] at = range(tables, t -> compareParts(new String[] {t.schema(), ".", t.name()}, probe));
      again.set(at[0], at[1]);
    }
    List<TableData> before = previous.data();
    List<Table> stale = new ArrayList<>();
    List<TableData> data = new ArrayList<>(before.size() + 1);
    int j = 0;
    for (int i = 0; i < tables.size(); i++) {
      Table t = tables.get(i);
      if (t.kind().equals("partitioned table")) {
        continue;
      }
      while (j < before.size()
          && joined(before.get(j).schema(), before.get(j).table(), t.schema(), t.name()) < 0) {
        j++;
      }
      boolean known =
          j < before.size()
              && before.get(j).schema().equals(t.schema())
              && before.get(j).table().equals(t.name());
      if (!known || again.get(i)) {
        stale.add(t);
      } else {
        data.add(before.get(j));
      }
    }
    if (!stale.isEmpty()) {
      CatalogReader.Layout layout = CatalogReader.Layout.of(columns, stale);
      data.addAll(new CatalogReader(connection, SnapshotOptions.defaults()).data(stale, layout));
    }
    return data;
  }

  /**
   * As {@link #dataOf}, for a refresh that knows which tables it touched: only the entries of
   * tables named in {@code affected} (read again in the catalog: new, altered, renamed, dropped) or
   * in {@code refresh} (written) can be added, removed or read again; every other entry of {@code
   * previous} is carried over without being looked at, so that the cost does not grow with the
   * schema.
   */
  static List<TableData> patchedData(
      List<Table> tables,
      CatalogSnapshot previous,
      Connection connection,
      java.util.Set<String> affected,
      java.util.Set<String> refresh,
      List<Column> columns) {
    List<TableData> data = new ArrayList<>(previous.data());
    List<TableData> back = new ArrayList<>();
    List<Table> stale = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>(affected);
    names.addAll(refresh);
    for (String name : names) {
      String[] probe = {name};
      int[] was = range(data, d -> compareParts(new String[] {d.schema(), ".", d.table()}, probe));
      List<TableData> removed = new ArrayList<>(data.subList(was[0], was[1]));
      data.subList(was[0], was[1]).clear();
      for (Table t :
          block(tables, t -> compareParts(new String[] {t.schema(), ".", t.name()}, probe))) {
        if (t.kind().equals("partitioned table")) {
          continue;
        }
        TableData old =
            removed.stream()
                .filter(d -> d.schema().equals(t.schema()) && d.table().equals(t.name()))
                .findFirst()
                .orElse(null);
        if (old != null && !refresh.contains(name)) {
          back.add(old);
        } else {
          stale.add(t);
        }
      }
    }
    if (!stale.isEmpty()) {
      CatalogReader.Layout layout = CatalogReader.Layout.of(columns, stale);
      back.addAll(new CatalogReader(connection, SnapshotOptions.defaults()).data(stale, layout));
    }
    for (TableData d : back) {
      data.add(firstWhere(data, e -> joined(e.schema(), e.table(), d.schema(), d.table()) > 0), d);
    }
    return data;
  }

  /** The order of {@link #columns()}: by relation, then position. */
  static final Comparator<Column> COLUMN_ORDER =
      ((Comparator<Column>) (a, b) -> joined(a.schema(), a.relation(), b.schema(), b.relation()))
          .thenComparingInt(Column::position);

  /** The order of {@link #tables()}: by {@code schema.name}. */
  static final Comparator<Table> TABLE_ORDER =
      (a, b) -> joined(a.schema(), a.name(), b.schema(), b.name());

  /** The order of {@link #views()}: by {@code schema.name}. */
  static final Comparator<View> VIEW_ORDER =
      (a, b) -> joined(a.schema(), a.name(), b.schema(), b.name());

  /** The order of {@link #enums()}: by {@code schema.name}. */
  static final Comparator<EnumType> ENUM_ORDER =
      (a, b) -> joined(a.schema(), a.name(), b.schema(), b.name());

  /** The order of {@link #sequences()}: by {@code schema.name}. */
  static final Comparator<Sequence> SEQUENCE_ORDER =
      (a, b) -> joined(a.schema(), a.name(), b.schema(), b.name());

  /** The order of {@link #constraints()}: by {@code schema.table/name}. */
  static final Comparator<Constraint> CONSTRAINT_ORDER =
      (a, b) -> path(a.schema(), a.table(), a.name(), b.schema(), b.table(), b.name());

  /** The order of {@link #indexes()}: by {@code schema.table/name}. */
  static final Comparator<Index> INDEX_ORDER =
      (a, b) -> path(a.schema(), a.table(), a.name(), b.schema(), b.table(), b.name());

  /** The order of {@link #triggers()}: by {@code schema.table/name}. */
  static final Comparator<Trigger> TRIGGER_ORDER =
      (a, b) -> path(a.schema(), a.table(), a.name(), b.schema(), b.table(), b.name());

  /** The order of {@link #policies()}: by {@code schema.table/name}. */
  static final Comparator<Policy> POLICY_ORDER =
      (a, b) -> path(a.schema(), a.table(), a.name(), b.schema(), b.table(), b.name());

  /** The order of {@link #functions()}: by signature, {@code schema.name(arguments)}. */
  static final Comparator<Function> FUNCTION_ORDER =
      ((Comparator<Function>) (a, b) -> compareParts(signature(a), signature(b)))
          .thenComparing(Function::schema);

  /** A function's signature in parts, to compare without building it. */
  static String[] signature(Function f) {
    return new String[] {f.schema(), ".", f.name(), "(", f.arguments(), ")"};
  }

  /**
   * The concatenation of {@code entry}, cut to the length of {@code probe}'s, compared with {@code
   * probe}'s: 0 for every entry that starts with the probe. Over a list sorted by the
   * concatenations, the result never decreases, so it finds the entries with a prefix by binary
   * search.
   */
  static int comparePrefix(String[] entry, String[] probe) {
    int ie = 0;
    int ip = 0;
    int pe = 0;
    int pp = 0;
    while (true) {
      while (ip < probe.length && pp >= probe[ip].length()) {
        ip++;
        pp = 0;
      }
      if (ip == probe.length) {
        return 0;
      }
      while (ie < entry.length && pe >= entry[ie].length()) {
        ie++;
        pe = 0;
      }
      if (ie == entry.length) {
        return -1;
      }
      char ce = entry[ie].charAt(pe++);
      char cp = probe[ip].charAt(pp++);
      if (ce != cp) {
        return ce - cp;
      }
    }
  }

  /**
   * The first index of a sorted list whose entry has {@code reached} (false before it, true from it
   * on): a binary search.
   */
  static <T> int firstWhere(List<T> list, java.util.function.Predicate<T> reached) {
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
   * Where the entries of a sorted list with {@code locate} 0 are ({@code locate} never decreases
   * along the list): {@code {from, to}}, by two binary searches.
   */
  static <T> int[] range(List<T> sorted, java.util.function.ToIntFunction<T> locate) {
    int from = firstWhere(sorted, e -> locate.applyAsInt(e) >= 0);
    int to = firstWhere(sorted, e -> locate.applyAsInt(e) > 0);
    return new int[] {from, Math.max(from, to)};
  }

  /** The entries of a sorted list with {@code locate} 0 (see {@link #range}), as a view. */
  static <T> List<T> block(List<T> sorted, java.util.function.ToIntFunction<T> locate) {
    int[] at = range(sorted, locate);
    return sorted.subList(at[0], at[1]);
  }

  /**
   * A {@code schema.table/name} entry (a constraint, an index, a trigger, a policy) against the
   * entries of one table: 0 for those that start with {@code schema.table/}, and never decreasing
   * along a list sorted by path.
   */
  static int inTable(String s1, String s2, String s3, String schema, String table) {
    return comparePrefix(
        new String[] {s1, ".", s2, "/", s3}, new String[] {schema, ".", table, "/"});
  }

  /** A list already sorted in its kind's order: the constructor keeps it as it is. */
  static <T> List<T> presorted(Object[] items) {
    return new Sorted<>(items);
  }

  /** The columns of a table or view, in order (a binary search: the columns are sorted). */
  public List<Column> columnsOf(String schema, String relation) {
    return List.copyOf(block(columns, c -> joined(c.schema(), c.relation(), schema, relation)));
  }

  /** A table by {@code name} or {@code schema.name}; an unqualified name must be unambiguous. */
  public Optional<Table> table(String name) {
    return unique(tables, name, Table::schema, Table::name);
  }

  /** A view by {@code name} or {@code schema.name}. */
  public Optional<View> view(String name) {
    return unique(views, name, View::schema, View::name);
  }

  /** The data of a table, if captured. */
  public Optional<TableData> dataOf(String schema, String table) {
    return data.stream()
        .filter(d -> d.schema().equals(schema) && d.table().equals(table))
        .findFirst();
  }

  private static <T> Optional<T> unique(
      List<T> items,
      String name,
      java.util.function.Function<T, String> schema,
      java.util.function.Function<T, String> simple) {
    List<T> matches =
        items.stream()
            .filter(
                i ->
                    name.contains(".")
                        ? name.equals(schema.apply(i) + "." + simple.apply(i))
                        : name.equals(simple.apply(i)))
            .collect(Collectors.toList());
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  /**
   * A table.
   *
   * @param schema its schema
   * @param name its name
   * @param kind {@code table}, {@code partitioned table} or {@code foreign table}
   * @param partitionOf the qualified parent of a partition, or {@code null}
   * @param partitionBound the partition bound, or {@code null}
   * @param rowLevelSecurity whether row-level security is enabled
   */
  public record Table(
      String schema,
      String name,
      String kind,
      String partitionOf,
      String partitionBound,
      boolean rowLevelSecurity) {
    /** {@code schema.name}. */
    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /**
   * A column of a table or view.
   *
   * @param schema the relation's schema
   * @param relation the table or view
   * @param name the column name
   * @param position its position, from 1
   * @param type the exact type, as {@code format_type} gives it ({@code character varying(255)},
   *     {@code timestamp with time zone}, {@code numeric(12,2)}, {@code text[]}, a domain's name)
   * @param nullable whether NULL is allowed
   * @param defaultValue the default expression, or {@code null}
   * @param identity {@code always}, {@code by default}, or {@code null}
   * @param generated the generation expression of a generated column, or {@code null}
   */
  public record Column(
      String schema,
      String relation,
      String name,
      int position,
      String type,
      boolean nullable,
      String defaultValue,
      String identity,
      String generated) {
    /** {@code schema.relation.name}. */
    public String qualifiedName() {
      return schema + "." + relation + "." + name;
    }

    /** The type without length, precision or scale: {@code character varying}, {@code numeric}. */
    public String baseType() {
      return Types.withoutModifier(type);
    }
  }

  /**
   * A table constraint.
   *
   * @param schema the table's schema
   * @param table the table
   * @param name the constraint name
   * @param type {@code primary key}, {@code foreign key}, {@code unique}, {@code check} or {@code
   *     exclusion}
   * @param definition {@code pg_get_constraintdef}
   * @param validated whether existing rows were checked ({@code NOT VALID} constraints are not)
   */
  public record Constraint(
      String schema, String table, String name, String type, String definition, boolean validated) {
    String path() {
      return schema + "." + table + "/" + name;
    }
  }

  /**
   * An index.
   *
   * @param schema the table's schema
   * @param table the table
   * @param name the index name
   * @param definition {@code pg_get_indexdef}
   * @param unique whether it is unique
   * @param valid whether it is valid (a failed {@code CREATE INDEX CONCURRENTLY} leaves it invalid)
   * @param columns the indexed columns or expressions, in order
   */
  public record Index(
      String schema,
      String table,
      String name,
      String definition,
      boolean unique,
      boolean valid,
      List<String> columns) {
    /** Copies the columns. */
    public Index {
      columns = List.copyOf(columns);
    }

    String path() {
      return schema + "." + table + "/" + name;
    }
  }

  /**
   * A view or materialized view.
   *
   * @param schema its schema
   * @param name its name
   * @param materialized whether it is a materialized view
   * @param definition {@code pg_get_viewdef}
   */
  public record View(String schema, String name, boolean materialized, String definition) {
    /** {@code schema.name}. */
    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /**
   * A function or procedure.
   *
   * @param schema its schema
   * @param name its name
   * @param arguments the identity arguments ({@code pg_get_function_identity_arguments})
   * @param kind {@code function}, {@code procedure}, {@code aggregate} or {@code window}
   * @param result the declared result ({@code pg_get_function_result}), {@code null} for a
   *     procedure
   * @param returnsSet whether it returns a set ({@code SETOF}, {@code TABLE})
   * @param returnsRowOf the qualified table whose row type it returns ({@code RETURNS orders} or
   *     {@code SETOF orders}), or {@code null}
   * @param resultColumns the {@code RETURNS TABLE} / {@code OUT} columns with their exact types
   * @param language the language
   * @param volatility {@code immutable}, {@code stable} or {@code volatile}
   * @param securityDefiner whether it runs with its owner's privileges
   * @param bodyHash an MD5 hash of the body
   */
  public record Function(
      String schema,
      String name,
      String arguments,
      String kind,
      String result,
      boolean returnsSet,
      String returnsRowOf,
      List<ResultColumn> resultColumns,
      String language,
      String volatility,
      boolean securityDefiner,
      String bodyHash) {
    /** Copies the result columns. */
    public Function {
      resultColumns = List.copyOf(resultColumns);
    }

    /** {@code schema.name(arguments)}. */
    public String signature() {
      return schema + "." + name + "(" + arguments + ")";
    }
  }

  /**
   * A column of a function's result.
   *
   * @param name the column name
   * @param type its type; PostgreSQL keeps no length or precision for function results
   */
  public record ResultColumn(String name, String type) {}

  /**
   * A trigger.
   *
   * @param schema the table's schema
   * @param table the table
   * @param name the trigger name
   * @param definition {@code pg_get_triggerdef}
   * @param enabled {@code origin}, {@code disabled}, {@code replica} or {@code always}
   */
  public record Trigger(
      String schema, String table, String name, String definition, String enabled) {
    String path() {
      return schema + "." + table + "/" + name;
    }
  }

  /**
   * An enum type.
   *
   * @param schema its schema
   * @param name its name
   * @param labels its labels, in order
   */
  public record EnumType(String schema, String name, List<String> labels) {
    /** Copies the labels. */
    public EnumType {
      labels = List.copyOf(labels);
    }

    /** {@code schema.name}. */
    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /**
   * A sequence.
   *
   * @param schema its schema
   * @param name its name
   * @param type its data type
   * @param start its start value
   * @param increment its increment
   * @param min its minimum
   * @param max its maximum
   * @param cycle whether it cycles
   * @param ownedBy the qualified column that owns it, or {@code null}
   */
  public record Sequence(
      String schema,
      String name,
      String type,
      long start,
      long increment,
      long min,
      long max,
      boolean cycle,
      String ownedBy) {
    /** {@code schema.name}. */
    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /**
   * An installed extension.
   *
   * @param name its name
   * @param version its version
   * @param schema the schema it is installed in
   */
  public record Extension(String name, String version, String schema) {}

  /**
   * A row-level security policy.
   *
   * @param schema the table's schema
   * @param table the table
   * @param name the policy name
   * @param permissive whether it is permissive (or restrictive)
   * @param command {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
   * @param roles the roles it applies to
   * @param using the USING expression, or {@code null}
   * @param withCheck the WITH CHECK expression, or {@code null}
   */
  public record Policy(
      String schema,
      String table,
      String name,
      boolean permissive,
      String command,
      List<String> roles,
      String using,
      String withCheck) {
    /** Copies the roles. */
    public Policy {
      roles = List.copyOf(roles);
    }

    String path() {
      return schema + "." + table + "/" + name;
    }
  }

  /**
   * A privilege granted on a table or function.
   *
   * @param objectType {@code table} or {@code function}
   * @param object the qualified table, or the function's signature
   * @param grantee the role, or {@code PUBLIC}
   * @param privilege {@code SELECT}, {@code EXECUTE}, ...
   */
  public record Privilege(String objectType, String object, String grantee, String privilege) {
    String path() {
      return objectType + " " + object + "/" + grantee + "/" + privilege;
    }
  }

  /**
   * The rows of a table, as PostgreSQL summarizes them.
   *
   * @param schema the table's schema
   * @param table the table
   * @param rowCount the exact number of rows
   * @param fingerprint an MD5 over the text of every row, in primary-key order (all columns when
   *     there is no primary key); {@code null} for an empty table
   * @param columnFingerprints an MD5 over each column's values in the same order, by column name
   */
  public record TableData(
      String schema,
      String table,
      long rowCount,
      String fingerprint,
      Map<String, String> columnFingerprints) {
    /** Copies and sorts the column fingerprints. */
    public TableData {
      columnFingerprints = java.util.Collections.unmodifiableMap(new TreeMap<>(columnFingerprints));
    }

    /** {@code schema.table}. */
    public String qualifiedName() {
      return schema + "." + table;
    }
  }
}
