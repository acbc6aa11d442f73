package io.github.cofferdam.catalog;

import static io.github.cofferdam.catalog.internal.SessionStatements.strings;

import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Constraint;
import io.github.cofferdam.catalog.CatalogSnapshot.EnumType;
import io.github.cofferdam.catalog.CatalogSnapshot.Extension;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.Index;
import io.github.cofferdam.catalog.CatalogSnapshot.Policy;
import io.github.cofferdam.catalog.CatalogSnapshot.Privilege;
import io.github.cofferdam.catalog.CatalogSnapshot.ResultColumn;
import io.github.cofferdam.catalog.CatalogSnapshot.Sequence;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.TableData;
import io.github.cofferdam.catalog.CatalogSnapshot.Trigger;
import io.github.cofferdam.catalog.CatalogSnapshot.View;
import io.github.cofferdam.catalog.internal.SessionStatements;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a catalog with one query per object kind, and the data with batched aggregate queries. */
final class CatalogReader {

  /** Tables per data query: each query is a UNION ALL of one aggregate per table. */
  static final int DATA_BATCH = 100;

  private static final String SYSTEM_SCHEMAS =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
          + " AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

  private final Connection connection;
  private final SnapshotOptions options;

  CatalogReader(Connection connection, SnapshotOptions options) {
    this.connection = connection;
    this.options = options;
  }

  /** The schema filter on alias {@code n} (pg_namespace); binds no parameters. */
  private String schemaFilter() {
    String excluded =
        options.excludedSchemas().isEmpty()
            ? ""
            : " AND n.nspname NOT IN ("
                + options.excludedSchemas().stream()
                    .sorted()
                    .map(CatalogReader::literal)
                    .collect(Collectors.joining(", "))
                + ")";
    if (options.schemas().isEmpty()) {
      return SYSTEM_SCHEMAS + excluded;
    }
    return "n.nspname IN ("
        + options.schemas().stream().map(CatalogReader::literal).collect(Collectors.joining(", "))
        + ")"
        + excluded;
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String identifier(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static String notExtensionMember(String catalog, String oid) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '"
        + catalog
        + "'::regclass AND dep.objid = "
        + oid
        + " AND dep.deptype = 'e')";
  }

  CatalogSnapshot read() {
    return snapshot(read(null));
  }

  /**
   * The snapshot of what a whole read found, with the data of its tables when the options ask for
   * it (their layouts taken from the catalog just read).
   */
  CatalogSnapshot snapshot(Parts parts) {
    CatalogSnapshot catalog = parts.snapshot(parts.schemas, parts.extensions, List.of());
    if (!options.data()) {
      return catalog;
    }
    return catalog.withData(data(catalog.tables(), Layout.of(catalog.columns(), catalog.tables())));
  }

  /**
   * Reads the catalog in one round trip: every kind when {@code scope} is {@code null}; otherwise
   * only the relations, functions and enum types it names (by OID), and neither schemas nor
   * extensions. Records the OID of every relation, function and enum type read.
   */
  Parts read(Scope scope) {
    Parts parts = new Parts();
    Batch batch = new Batch();
    if (scope == null) {
      batch.add(
          "schemas",
          "SELECT n.nspname FROM pg_namespace n WHERE "
              + schemaFilter()
              + " AND "
              + notExtensionMember("pg_namespace", "n.oid"),
          rs -> parts.schemas.add(rs.getString(1)));
      batch.add(
          "extensions",
          "SELECT e.extname, e.extversion, n.nspname"
              + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace",
          rs ->
              parts.extensions.add(
                  new Extension(rs.getString(1), rs.getString(2), rs.getString(3))));
    }
    if (scope == null || !scope.relations().isEmpty()) {
      String only =
          scope == null ? "" : " AND c.oid = ANY(" + SessionStatements.argument(1) + "::oid[])";
      batch.parameter(scope == null ? null : oids(scope.relations()));
      tables(batch, parts, only);
      columns(batch, parts, only);
      constraints(batch, parts, only);
      indexes(batch, parts, only.replace("c.oid", "t.oid"));
      if (scope == null || scope.mayHave("v", "m")) {
        views(batch, parts, only);
      }
      if (scope == null || scope.mayHaveTriggers()) {
        triggers(batch, parts, only);
      }
      if (scope == null || scope.mayHave("S")) {
        sequences(batch, parts, only);
      }
      if (scope == null || scope.mayHavePolicies()) {
        policies(batch, parts, only);
      }
      if (scope == null || scope.mayHavePrivileges()) {
        tablePrivileges(batch, parts, only);
      }
    }
    if (scope == null || !scope.functions().isEmpty()) {
      String only =
          scope == null ? "" : " AND p.oid = ANY(" + SessionStatements.argument(1) + "::oid[])";
      batch.parameter(scope == null ? null : oids(scope.functions()));
      functions(batch, parts, only);
      if (scope == null || scope.functionPrivileges()) {
        functionPrivileges(batch, parts, only);
      }
    }
    if (scope == null || !scope.enums().isEmpty()) {
      batch.parameter(scope == null ? null : oids(scope.enums()));
      enums(
          batch,
          parts,
          scope == null ? "" : " AND t.oid = ANY(" + SessionStatements.argument(1) + "::oid[])");
    }
    batch.run();
    return parts;
  }

  private static String oids(java.util.Set<Long> oids) {
    return oids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * Which objects a partial read covers, by OID.
   *
   * @param relations tables, views and sequences
   * @param functions functions and procedures
   * @param enums enum types
   * @param kinds what every relation is, or {@code null} when not known
   * @param functionPrivileges whether a function among {@code functions} may have privileges
   *     granted
   */
  record Scope(
      java.util.Set<Long> relations,
      java.util.Set<Long> functions,
      java.util.Set<Long> enums,
      java.util.Set<TrackedSnapshot.Kind> kinds,
      boolean functionPrivileges) {

    /** Whether a relation of one of these kinds may be among {@code relations}. */
    boolean mayHave(String... relkinds) {
      return kinds == null
          || kinds.stream().anyMatch(k -> java.util.Arrays.asList(relkinds).contains(k.relkind()));
    }

    /** Whether a relation among {@code relations} may have a trigger. */
    boolean mayHaveTriggers() {
      return kinds == null || kinds.stream().anyMatch(TrackedSnapshot.Kind::triggers);
    }

    /** Whether a relation among {@code relations} may have a policy. */
    boolean mayHavePolicies() {
      return kinds == null || kinds.stream().anyMatch(TrackedSnapshot.Kind::policies);
    }

    /** Whether a relation among {@code relations} may have privileges granted. */
    boolean mayHavePrivileges() {
      return kinds == null || kinds.stream().anyMatch(TrackedSnapshot.Kind::privileges);
    }
  }

  /** What a read found, kind by kind, and the OIDs of the named objects. */
  static final class Parts {
    final List<String> schemas = new ArrayList<>();
    final List<Extension> extensions = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<Column> columns = new ArrayList<>();
    final List<Constraint> constraints = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<View> views = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Trigger> triggers = new ArrayList<>();
    final List<EnumType> enums = new ArrayList<>();
    final List<Sequence> sequences = new ArrayList<>();
    final List<Policy> policies = new ArrayList<>();
    final List<Privilege> privileges = new ArrayList<>();

    /** OID to qualified name, for every table, view and sequence read. */
    final Map<Long, String> relationOids = new java.util.HashMap<>();

    /** OID to signature, for every function read. */
    final Map<Long, String> functionOids = new java.util.HashMap<>();

    /** OID to qualified name, for every enum type read. */
    final Map<Long, String> enumOids = new java.util.HashMap<>();

    CatalogSnapshot snapshot(
        List<String> schemas, List<Extension> extensions, List<TableData> data) {
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
  }

  private boolean kept(String schema, String table) {
    return !options.excludes(schema, table);
  }

  private void tables(Batch batch, Parts parts, String only) {
    batch.add(
        "tables",
        "SELECT n.nspname, c.relname, c.relkind,"
            + " (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i"
            + "   JOIN pg_class p ON p.oid = i.inhparent"
            + "   JOIN pg_namespace pn ON pn.oid = p.relnamespace"
            + "   WHERE i.inhrelid = c.oid AND c.relispartition),"
            + " pg_get_expr(c.relpartbound, c.oid), c.relrowsecurity, c.oid"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f') AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid")
            + only,
        rs -> {
          Table t =
              new Table(
                  rs.getString(1),
                  rs.getString(2),
                  relationKind(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBoolean(6));
          parts.relationOids.put(rs.getLong(7), t.qualifiedName());
          if (kept(t.schema(), t.name())) {
            parts.tables.add(t);
          }
        });
  }

  private static String relationKind(String relkind) {
    switch (relkind) {
      case "p":
        return "partitioned table";
      case "f":
        return "foreign table";
      default:
        return "table";
    }
  }

  private void columns(Batch batch, Parts parts, String only) {
    batch.add(
        "columns",
        "SELECT n.nspname, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod),"
            + " NOT a.attnotnull,"
            + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
            + " CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END,"
            + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END"
            + " FROM pg_attribute a"
            + " JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm')"
            + " AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid")
            + only,
        rs -> {
          Column c =
              new Column(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getBoolean(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9));
          if (kept(c.schema(), c.relation())) {
            parts.columns.add(c);
          }
        });
  }

  private void constraints(Batch batch, Parts parts, String only) {
    batch.add(
        "constraints",
        "SELECT n.nspname, c.relname, con.conname,"
            + " CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'f' THEN 'foreign key'"
            + "   WHEN 'u' THEN 'unique' WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion'"
            + "   ELSE con.contype::text END,"
            + " pg_get_constraintdef(con.oid), con.convalidated"
            + " FROM pg_constraint con"
            + " JOIN pg_class c ON c.oid = con.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE con.contype IN ('p', 'f', 'u', 'c', 'x') AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid")
            + only,
        rs -> {
          Constraint c =
              new Constraint(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBoolean(6));
          if (kept(c.schema(), c.table())) {
            parts.constraints.add(c);
          }
        });
  }

  private void indexes(Batch batch, Parts parts, String only) {
    batch.add(
        "indexes",
        "SELECT n.nspname, t.relname, i.relname, pg_get_indexdef(i.oid), x.indisunique,"
            + " x.indisvalid,"
            + " ARRAY(SELECT pg_get_indexdef(i.oid, k, true)"
            + "   FROM generate_series(1, x.indnkeyatts) k ORDER BY k)"
            + " FROM pg_index x"
            + " JOIN pg_class i ON i.oid = x.indexrelid"
            + " JOIN pg_class t ON t.oid = x.indrelid"
            + " JOIN pg_namespace n ON n.oid = t.relnamespace"
            + " WHERE t.relkind IN ('r', 'p', 'm') AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "t.oid")
            + only,
        rs -> {
          Index i =
              new Index(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBoolean(5),
                  rs.getBoolean(6),
                  strings(rs.getArray(7)));
          if (kept(i.schema(), i.table())) {
            parts.indexes.add(i);
          }
        });
  }

  private void views(Batch batch, Parts parts, String only) {
    batch.add(
        "views",
        "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true), c.oid"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid")
            + only,
        rs -> {
          View v = new View(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4));
          parts.relationOids.put(rs.getLong(5), v.qualifiedName());
          parts.views.add(v);
        });
  }

  private void functions(Batch batch, Parts parts, String only) {
    batch.add(
        "functions",
        "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
            + " CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'"
            + "   WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' END,"
            + " CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,"
            + " p.proretset,"
            + " (SELECT tn.nspname || '.' || tc.relname FROM pg_type rt"
            + "   JOIN pg_class tc ON tc.oid = rt.typrelid"
            + "   JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
            + "   WHERE rt.oid = p.prorettype AND tc.relkind IN ('r', 'p', 'v', 'm', 'f')),"
            + " ARRAY(SELECT a.name FROM unnest(p.proallargtypes, p.proargmodes, p.proargnames)"
            + "   WITH ORDINALITY AS a(typ, mode, name, ord)"
            + "   WHERE a.mode IN ('o', 'b', 't') ORDER BY a.ord),"
            + " ARRAY(SELECT format_type(a.typ, NULL)"
            + "   FROM unnest(p.proallargtypes, p.proargmodes, p.proargnames)"
            + "   WITH ORDINALITY AS a(typ, mode, name, ord)"
            + "   WHERE a.mode IN ('o', 'b', 't') ORDER BY a.ord),"
            + " l.lanname,"
            + " CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable'"
            + "   ELSE 'volatile' END,"
            + " p.prosecdef, md5(coalesce(p.prosrc, '') || coalesce(p.probin, '')), p.oid"
            + " FROM pg_proc p"
            + " JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " JOIN pg_language l ON l.oid = p.prolang"
            + " WHERE "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_proc", "p.oid")
            + only,
        rs -> {
          List<String> names = strings(rs.getArray(8));
          List<String> types = strings(rs.getArray(9));
          List<ResultColumn> result = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            result.add(new ResultColumn(names.get(i), types.get(i)));
          }
          Function f =
              new Function(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBoolean(6),
                  rs.getString(7),
                  result,
                  rs.getString(10),
                  rs.getString(11),
                  rs.getBoolean(12),
                  rs.getString(13));
          parts.functionOids.put(rs.getLong(14), f.signature());
          parts.functions.add(f);
        });
  }

  private void triggers(Batch batch, Parts parts, String only) {
    batch.add(
        "triggers",
        "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid),"
            + " CASE t.tgenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'"
            + "   WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END"
            + " FROM pg_trigger t"
            + " JOIN pg_class c ON c.oid = t.tgrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal AND "
            + schemaFilter()
            + only,
        rs -> {
          Trigger t =
              new Trigger(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5));
          if (kept(t.schema(), t.table())) {
            parts.triggers.add(t);
          }
        });
  }

  private void enums(Batch batch, Parts parts, String only) {
    batch.add(
        "enum types",
        "SELECT n.nspname, t.typname,"
            + " ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid"
            + "   ORDER BY e.enumsortorder), t.oid"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype = 'e' AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_type", "t.oid")
            + only,
        rs -> {
          EnumType e = new EnumType(rs.getString(1), rs.getString(2), strings(rs.getArray(3)));
          parts.enumOids.put(rs.getLong(4), e.qualifiedName());
          parts.enums.add(e);
        });
  }

  private void sequences(Batch batch, Parts parts, String only) {
    batch.add(
        "sequences",
        "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
            + " s.seqmin, s.seqmax, s.seqcycle,"
            + " (SELECT dn.nspname || '.' || dc.relname || '.' || da.attname FROM pg_depend d"
            + "   JOIN pg_class dc ON dc.oid = d.refobjid"
            + "   JOIN pg_namespace dn ON dn.oid = dc.relnamespace"
            + "   JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid"
            + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1),"
            + " c.oid"
            + " FROM pg_sequence s"
            + " JOIN pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid")
            + only,
        rs -> {
          Sequence q =
              new Sequence(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getBoolean(8),
                  rs.getString(9));
          parts.relationOids.put(rs.getLong(10), q.qualifiedName());
          parts.sequences.add(q);
        });
  }

  private void policies(Batch batch, Parts parts, String only) {
    batch.add(
        "policies",
        "SELECT n.nspname, c.relname, p.polname, p.polpermissive,"
            + " CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN"
            + "   'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,"
            + " ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END"
            + "   FROM unnest(p.polroles) r ORDER BY 1),"
            + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
            + " FROM pg_policy p"
            + " JOIN pg_class c ON c.oid = p.polrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE "
            + schemaFilter()
            + only,
        rs -> {
          Policy p =
              new Policy(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getBoolean(4),
                  rs.getString(5),
                  strings(rs.getArray(6)),
                  rs.getString(7),
                  rs.getString(8));
          if (kept(p.schema(), p.table())) {
            parts.policies.add(p);
          }
        });
  }

  private void tablePrivileges(Batch batch, Parts parts, String only) {
    batch.add(
        "table privileges",
        "SELECT n.nspname || '.' || c.relname, n.nspname, c.relname,"
            + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,"
            + " a.privilege_type"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
            + " aclexplode(c.relacl) a"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.grantee <> c.relowner AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid")
            + only,
        rs -> {
          if (kept(rs.getString(2), rs.getString(3))) {
            parts.privileges.add(
                new Privilege("table", rs.getString(1), rs.getString(4), rs.getString(5)));
          }
        });
  }

  private void functionPrivileges(Batch batch, Parts parts, String only) {
    batch.add(
        "function privileges",
        "SELECT n.nspname || '.' || p.proname || '('"
            + " || pg_get_function_identity_arguments(p.oid) || ')',"
            + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,"
            + " a.privilege_type"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,"
            + " aclexplode(p.proacl) a"
            + " WHERE a.grantee <> p.proowner AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_proc", "p.oid")
            + only,
        rs ->
            parts.privileges.add(
                new Privilege("function", rs.getString(1), rs.getString(2), rs.getString(3))));
  }

  /**
   * What a fingerprint needs of each table: its column names in order. Taken from a catalog already
   * read, so that reading data does not read the catalog again.
   *
   * @param columns column names by table ({@link #key})
   */
  record Layout(Map<String, List<String>> columns) {

    /**
     * A table's key in the map: schema and name apart, since {@code schema.name} is ambiguous
     * ({@code "a.b".c} and {@code a."b.c"}); no identifier holds a NUL.
     */
    static String key(String schema, String name) {
      return schema + '\u0000' + name;
    }

    /** Nothing known: every table's layout is read from the catalog. */
    static final Layout NONE = new Layout(Map.of());

    /**
     * The layout of {@code tables} from a column list sorted as a snapshot sorts it: each table's
     * columns are found by binary search, so that the cost does not grow with the schema. A table
     * without columns in the list is left out, and read from the catalog.
     */
    static Layout of(List<Column> columns, List<Table> tables) {
      Map<String, List<String>> names = new java.util.HashMap<>();
      for (Table t : tables) {
        String s = t.schema();
        String n = t.name();
        List<String> found = new ArrayList<>();
        for (Column c :
            CatalogSnapshot.block(
                columns, c -> CatalogSnapshot.joined(c.schema(), c.relation(), s, n))) {
          if (c.schema().equals(s) && c.relation().equals(n)) {
            found.add(c.name()); // in position order: the columns are sorted so
          }
        }
        if (!found.isEmpty()) {
          names.put(key(s, n), found);
        }
      }
      return new Layout(names);
    }
  }

  /**
   * Row counts and fingerprints, computed inside PostgreSQL. Each table contributes one aggregate
   * row to a UNION ALL; a query covers {@value #DATA_BATCH} tables. Nothing but the aggregates
   * reaches the JVM. The tables {@code known} does not describe have their layout read first.
   */
  List<TableData> data(List<Table> tables, Layout known) {
    List<Table> leaves =
        tables.stream()
            .filter(t -> !t.kind().equals("partitioned table"))
            .collect(Collectors.toList());
    if (leaves.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> columns = new java.util.HashMap<>(known.columns());
    List<Table> unknown =
        leaves.stream()
            .filter(t -> !columns.containsKey(Layout.key(t.schema(), t.name())))
            .collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      readLayout(unknown, columns);
    }
    List<TableData> result = new ArrayList<>();
    for (int from = 0; from < leaves.size(); from += DATA_BATCH) {
      List<Table> batch = leaves.subList(from, Math.min(leaves.size(), from + DATA_BATCH));
      StringBuilder sql = new StringBuilder();
      for (int i = from; i < from + batch.size(); i++) {
        Table t = leaves.get(i);
        if (sql.length() > 0) {
          sql.append("\nUNION ALL\n");
        }
        sql.append(
            aggregate(i, t, columns.getOrDefault(Layout.key(t.schema(), t.name()), List.of())));
      }
      result.addAll(
          query(
              "row counts and fingerprints",
              sql.toString(),
              rs -> {
                Table t = leaves.get(rs.getInt(1));
                List<String> names =
                    columns.getOrDefault(Layout.key(t.schema(), t.name()), List.of());
                List<String> fingerprints = strings(rs.getArray(4));
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                  byColumn.put(names.get(i), fingerprints.get(i));
                }
                return new TableData(
                    t.schema(), t.name(), rs.getLong(2), rs.getString(3), byColumn);
              }));
    }
    return result;
  }

  /** Reads the layout of {@code tables} from the catalog into {@code columns}. */
  private void readLayout(List<Table> tables, Map<String, List<String>> columns) {
    String layout =
        "SELECT n.nspname, c.relname,"
            + " ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid"
            + "   AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'f') AND "
            + schemaFilter();
    SessionStatements.RowSink row =
        rs -> {
          String table = Layout.key(rs.getString(1), rs.getString(2));
          columns.put(table, parseArray(rs.getString(3)));
        };
    try {
      if (tables.size() <= DATA_BATCH) {
        // a few tables: by name, a prepared statement; relname lets PostgreSQL use its (relname,
        // relnamespace) index
        SessionStatements.run(
            connection,
            List.of(
                new SessionStatements.Query(
                    layout
                        + " AND c.relname = ANY("
                        + SessionStatements.argument(1)
                        + "::text[]::name[])"
                        + " AND n.nspname || '.' || c.relname = ANY("
                        + SessionStatements.argument(2)
                        + "::text[])",
                    List.of(
                        SessionStatements.array(
                            tables.stream().map(Table::name).collect(Collectors.toSet())),
                        SessionStatements.array(
                            tables.stream()
                                .map(Table::qualifiedName)
                                .collect(Collectors.toList()))),
                    row)));
      } else {
        try (Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery(layout)) {
          while (rs.next()) {
            row.accept(rs);
          }
        }
      }
    } catch (SQLException e) {
      throw new SnapshotException(
          "reading the data layout of the catalog failed: " + e.getMessage(), e);
    }
  }

  /**
   * One table's aggregate row: its index in the batch list, count, the fingerprint of its rows and
   * one per column (see {@link Fingerprints}).
   */
  private static String aggregate(int index, Table table, List<String> columns) {
    String perColumn =
        columns.stream()
            .map(c -> Fingerprints.column("t." + identifier(c) + "::text"))
            .collect(Collectors.joining(", "));
    return "(SELECT "
        + index
        + ", count(*), "
        + Fingerprints.rows("t::text")
        + ", ARRAY["
        + perColumn
        + "]::text[] FROM "
        + identifier(table.schema())
        + "."
        + identifier(table.name())
        + " t)";
  }

  private static List<String> parseArray(String text) {
    if (text == null || text.equals("{}")) {
      return List.of();
    }
    String inner = text.substring(1, text.length() - 1);
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < inner.length(); i++) {
      char ch = inner.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          current.append(inner.charAt(++i));
        } else if (ch == '"') {
          quoted = false;
        } else {
          current.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** Rows of one query, handed to the part that keeps them. */
  @FunctionalInterface
  interface RowSink {
    void accept(ResultSet rs) throws SQLException;
  }

  /**
   * Several catalog queries. Without parameters (a whole read) they go in one round trip; with an
   * OID list (a partial read) each is a prepared statement, so that PostgreSQL plans it once per
   * connection rather than at every read.
   */
  private final class Batch {
    private final List<String> kinds = new ArrayList<>();
    private final List<String> sqls = new ArrayList<>();
    private final List<String> parameters = new ArrayList<>();
    private final List<RowSink> sinks = new ArrayList<>();
    private String parameter;

    /** The OID array literal that the queries added from now on take, or {@code null}. */
    void parameter(String oids) {
      this.parameter = oids;
    }

    void add(String kind, String sql, RowSink sink) {
      kinds.add(kind);
      sqls.add(sql);
      parameters.add(parameter);
      sinks.add(sink);
    }

    void run() {
      if (sqls.isEmpty()) {
        return;
      }
      if (parameters.stream().allMatch(java.util.Objects::isNull)) {
        runTogether();
        return;
      }
      // partial reads run after every migration: session-level prepared statements, planned once
      List<SessionStatements.Query> queries = new ArrayList<>();
      for (int i = 0; i < sqls.size(); i++) {
        RowSink sink = sinks.get(i);
        queries.add(
            new SessionStatements.Query(
                sqls.get(i),
                parameters.get(i) == null ? List.of() : List.of(parameters.get(i)),
                sink::accept));
      }
      try {
        SessionStatements.run(connection, queries);
      } catch (SQLException e) {
        throw new SnapshotException(
            "reading the " + String.join(", ", kinds) + " of the catalog failed: " + e.getMessage(),
            e);
      }
    }

    private void runTogether() {
      try (Statement s = connection.createStatement()) {
        boolean results = s.execute(String.join(";\n", sqls));
        for (int at = 0; at < sqls.size(); at++) {
          if (!results) {
            throw new SQLException("no rows came back for the " + kinds.get(at));
          }
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              sinks.get(at).accept(rs);
            }
          }
          results = s.getMoreResults();
        }
      } catch (SQLException e) {
        throw new SnapshotException(
            "reading the " + failedKind() + " of the catalog failed: " + e.getMessage(), e);
      }
    }

    /**
     * Which query of a failed batch failed: outside a transaction, each is tried alone; inside one
     * (aborted now) all are named.
     */
    private String failedKind() {
      try {
        if (connection.isClosed() || !connection.getAutoCommit()) {
          return connection.isClosed() ? kinds.get(0) : String.join(", ", kinds);
        }
        for (int i = 0; i < sqls.size(); i++) {
          try (Statement s = connection.createStatement()) {
            s.executeQuery(sqls.get(i)).close();
          } catch (SQLException e) {
            return kinds.get(i);
          }
        }
      } catch (SQLException e) {
        return String.join(", ", kinds);
      }
      return String.join(", ", kinds);
    }
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String kind, String sql, RowMapper<T> mapper) {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new SnapshotException(
          "reading the " + kind + " of the catalog failed: " + e.getMessage(), e);
    }
  }
}
