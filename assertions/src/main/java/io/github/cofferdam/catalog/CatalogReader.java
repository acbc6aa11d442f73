package io.github.cofferdam.catalog;

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
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
    List<String> schemas =
        query(
            "schemas",
            "SELECT n.nspname FROM pg_namespace n WHERE "
                + schemaFilter()
                + " AND "
                + notExtensionMember("pg_namespace", "n.oid"),
            rs -> rs.getString(1));
    List<Table> tables = tables();
    List<TableData> data = options.data() ? data(tables) : List.of();
    return new CatalogSnapshot(
        schemas,
        tables,
        columns(),
        constraints(),
        indexes(),
        views(),
        functions(),
        triggers(),
        enums(),
        sequences(),
        extensions(),
        policies(),
        privileges(),
        data);
  }

  private boolean kept(String schema, String table) {
    return !options.excludes(schema, table);
  }

  private List<Table> tables() {
    return query(
            "tables",
            "SELECT n.nspname, c.relname, c.relkind,"
                + " (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i"
                + "   JOIN pg_class p ON p.oid = i.inhparent"
                + "   JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + "   WHERE i.inhrelid = c.oid AND c.relispartition),"
                + " pg_get_expr(c.relpartbound, c.oid), c.relrowsecurity"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'f') AND "
                + schemaFilter()
                + " AND "
                + notExtensionMember("pg_class", "c.oid"),
            rs ->
                new Table(
                    rs.getString(1),
                    rs.getString(2),
                    relationKind(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBoolean(6)))
        .stream()
        .filter(t -> kept(t.schema(), t.name()))
        .collect(Collectors.toList());
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

  private List<Column> columns() {
    return query(
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
                + notExtensionMember("pg_class", "c.oid"),
            rs ->
                new Column(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getString(5),
                    rs.getBoolean(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9)))
        .stream()
        .filter(c -> kept(c.schema(), c.relation()))
        .collect(Collectors.toList());
  }

  private List<Constraint> constraints() {
    return query(
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
                + notExtensionMember("pg_class", "c.oid"),
            rs ->
                new Constraint(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBoolean(6)))
        .stream()
        .filter(c -> kept(c.schema(), c.table()))
        .collect(Collectors.toList());
  }

  private List<Index> indexes() {
    return query(
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
                + notExtensionMember("pg_class", "t.oid"),
            rs ->
                new Index(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6),
                    strings(rs.getArray(7))))
        .stream()
        .filter(i -> kept(i.schema(), i.table()))
        .collect(Collectors.toList());
  }

  private List<View> views() {
    return query(
        "views",
        "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid"),
        rs -> new View(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
  }

  private List<Function> functions() {
    return query(
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
            + " p.prosecdef, md5(coalesce(p.prosrc, '') || coalesce(p.probin, ''))"
            + " FROM pg_proc p"
            + " JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " JOIN pg_language l ON l.oid = p.prolang"
            + " WHERE "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_proc", "p.oid"),
        rs -> {
          List<String> names = strings(rs.getArray(8));
          List<String> types = strings(rs.getArray(9));
          List<ResultColumn> result = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            result.add(new ResultColumn(names.get(i), types.get(i)));
          }
          return new Function(
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
        });
  }

  private List<Trigger> triggers() {
    return query(
            "triggers",
            "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid),"
                + " CASE t.tgenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'"
                + "   WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END"
                + " FROM pg_trigger t"
                + " JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT t.tgisinternal AND "
                + schemaFilter(),
            rs ->
                new Trigger(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .stream()
        .filter(t -> kept(t.schema(), t.table()))
        .collect(Collectors.toList());
  }

  private List<EnumType> enums() {
    return query(
        "enum types",
        "SELECT n.nspname, t.typname,"
            + " ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid"
            + "   ORDER BY e.enumsortorder)"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype = 'e' AND "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_type", "t.oid"),
        rs -> new EnumType(rs.getString(1), rs.getString(2), strings(rs.getArray(3))));
  }

  private List<Sequence> sequences() {
    return query(
        "sequences",
        "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
            + " s.seqmin, s.seqmax, s.seqcycle,"
            + " (SELECT dn.nspname || '.' || dc.relname || '.' || da.attname FROM pg_depend d"
            + "   JOIN pg_class dc ON dc.oid = d.refobjid"
            + "   JOIN pg_namespace dn ON dn.oid = dc.relnamespace"
            + "   JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid"
            + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1)"
            + " FROM pg_sequence s"
            + " JOIN pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE "
            + schemaFilter()
            + " AND "
            + notExtensionMember("pg_class", "c.oid"),
        rs ->
            new Sequence(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getBoolean(8),
                rs.getString(9)));
  }

  private List<Extension> extensions() {
    return query(
        "extensions",
        "SELECT e.extname, e.extversion, n.nspname"
            + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace",
        rs -> new Extension(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  private List<Policy> policies() {
    return query(
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
                + schemaFilter(),
            rs ->
                new Policy(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getString(5),
                    strings(rs.getArray(6)),
                    rs.getString(7),
                    rs.getString(8)))
        .stream()
        .filter(p -> kept(p.schema(), p.table()))
        .collect(Collectors.toList());
  }

  private List<Privilege> privileges() {
    List<Privilege> all = new ArrayList<>();
    all.addAll(
        query(
            "table privileges",
            "SELECT n.nspname || '.' || c.relname, n.nspname, c.relname,"
                + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,"
                + " a.privilege_type"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
                + " aclexplode(c.relacl) a"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.grantee <> c.relowner AND "
                + schemaFilter()
                + " AND "
                + notExtensionMember("pg_class", "c.oid"),
            rs ->
                kept(rs.getString(2), rs.getString(3))
                    ? new Privilege("table", rs.getString(1), rs.getString(4), rs.getString(5))
                    : null));
    all.addAll(
        query(
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
                + notExtensionMember("pg_proc", "p.oid"),
            rs -> new Privilege("function", rs.getString(1), rs.getString(2), rs.getString(3))));
    all.removeIf(java.util.Objects::isNull);
    return all;
  }

  /**
   * Row counts and fingerprints, computed inside PostgreSQL. Each table contributes one aggregate
   * row to a UNION ALL; a query covers {@value #DATA_BATCH} tables. Nothing but the aggregates
   * reaches the JVM.
   */
  List<TableData> data(List<Table> tables) {
    List<Table> leaves =
        tables.stream()
            .filter(t -> !t.kind().equals("partitioned table"))
            .collect(Collectors.toList());
    if (leaves.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String[] row :
        query(
            "data layout",
            "SELECT n.nspname || '.' || c.relname,"
                + " ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid"
                + "   AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text,"
                + " ARRAY(SELECT a.attname FROM pg_index x"
                + "   JOIN unnest(x.indkey) WITH ORDINALITY k(attnum, ord) ON true"
                + "   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
                + "   WHERE x.indrelid = c.oid AND x.indisprimary ORDER BY k.ord)::text"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'f') AND "
                + schemaFilter()
                + (leaves.size() <= DATA_BATCH
                    ? " AND n.nspname || '.' || c.relname IN ("
                        + leaves.stream()
                            .map(t -> literal(t.qualifiedName()))
                            .collect(Collectors.joining(", "))
                        + ")"
                    : ""),
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
      columns.put(row[0], parseArray(row[1]));
      keys.put(row[0], parseArray(row[2]));
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
            aggregate(
                i,
                t,
                columns.getOrDefault(t.qualifiedName(), List.of()),
                keys.getOrDefault(t.qualifiedName(), List.of())));
      }
      result.addAll(
          query(
              "row counts and fingerprints",
              sql.toString(),
              rs -> {
                Table t = leaves.get(rs.getInt(1));
                List<String> names = columns.getOrDefault(t.qualifiedName(), List.of());
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

  /** One table's aggregate row: its index in the batch list, count, fingerprints. */
  private static String aggregate(int index, Table table, List<String> columns, List<String> key) {
    String order =
        key.isEmpty()
            ? "t::text"
            : key.stream().map(k -> "t." + identifier(k)).collect(Collectors.joining(", "));
    String perColumn =
        columns.stream()
            .map(c -> Fingerprints.column("t." + identifier(c) + "::text"))
            .collect(Collectors.joining(", "));
    return "(SELECT "
        + index
        + ", count(*), md5(string_agg(md5(t::text), '' ORDER BY "
        + order
        + ")), ARRAY["
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

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values)
        .map(v -> v == null ? null : v.toString())
        .collect(Collectors.toList());
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
