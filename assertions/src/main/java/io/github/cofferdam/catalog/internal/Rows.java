package io.github.cofferdam.catalog.internal;

import static io.github.cofferdam.catalog.internal.SessionStatements.strings;

import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Constraint;
import io.github.cofferdam.catalog.CatalogSnapshot.EnumType;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.Index;
import io.github.cofferdam.catalog.CatalogSnapshot.Policy;
import io.github.cofferdam.catalog.CatalogSnapshot.Privilege;
import io.github.cofferdam.catalog.CatalogSnapshot.ResultColumn;
import io.github.cofferdam.catalog.CatalogSnapshot.Sequence;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.Trigger;
import io.github.cofferdam.catalog.CatalogSnapshot.View;
import io.github.cofferdam.catalog.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The row mappers of the queries: columns by name. */
final class Rows {
  private Rows() {}

  static Table table(ResultSet rs) throws SQLException {
    return new Table(
        rs.getString("schema"),
        rs.getString("name"),
        relationKind(rs.getString("relkind")),
        rs.getString("partition_of"),
        rs.getString("partition_bound"),
        rs.getBoolean("row_level_security"));
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

  static Column column(ResultSet rs) throws SQLException {
    return new Column(
        rs.getString("schema"),
        rs.getString("relation"),
        rs.getString("name"),
        rs.getInt("position"),
        rs.getString("type"),
        rs.getBoolean("nullable"),
        rs.getString("default_value"),
        rs.getString("identity"),
        rs.getString("generated"));
  }

  static Constraint constraint(ResultSet rs) throws SQLException {
    return new Constraint(
        rs.getString("schema"),
        rs.getString("relation"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getString("definition"),
        rs.getBoolean("validated"));
  }

  static Index index(ResultSet rs) throws SQLException {
    return new Index(
        rs.getString("schema"),
        rs.getString("relation"),
        rs.getString("name"),
        rs.getString("definition"),
        rs.getBoolean("is_unique"),
        rs.getBoolean("valid"),
        strings(rs.getArray("columns")));
  }

  static View view(ResultSet rs) throws SQLException {
    return new View(
        rs.getString("schema"),
        rs.getString("name"),
        rs.getBoolean("materialized"),
        rs.getString("definition"));
  }

  static Function function(ResultSet rs) throws SQLException {
    List<String> names = strings(rs.getArray("result_names"));
    List<String> types = strings(rs.getArray("result_types"));
    List<ResultColumn> result = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      result.add(new ResultColumn(names.get(i), types.get(i)));
    }
    return new Function(
        rs.getString("schema"),
        rs.getString("name"),
        rs.getString("arguments"),
        rs.getString("kind"),
        rs.getString("result"),
        rs.getBoolean("returns_set"),
        rs.getString("returns_row_of"),
        result,
        rs.getString("language"),
        rs.getString("volatility"),
        rs.getBoolean("security_definer"),
        rs.getString("body_hash"));
  }

  static Trigger trigger(ResultSet rs) throws SQLException {
    return new Trigger(
        rs.getString("schema"),
        rs.getString("relation"),
        rs.getString("name"),
        rs.getString("definition"),
        rs.getString("enabled"));
  }

  static EnumType enumType(ResultSet rs) throws SQLException {
    return new EnumType(
        rs.getString("schema"), rs.getString("name"), strings(rs.getArray("labels")));
  }

  static Sequence sequence(ResultSet rs) throws SQLException {
    return new Sequence(
        rs.getString("schema"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getLong("start"),
        rs.getLong("increment"),
        rs.getLong("min"),
        rs.getLong("max"),
        rs.getBoolean("cycle"),
        rs.getString("owned_by"));
  }

  static Policy policy(ResultSet rs) throws SQLException {
    return new Policy(
        rs.getString("schema"),
        rs.getString("relation"),
        rs.getString("name"),
        rs.getBoolean("permissive"),
        rs.getString("command"),
        strings(rs.getArray("roles")),
        rs.getString("using_expression"),
        rs.getString("check_expression"));
  }

  static Privilege tablePrivilege(ResultSet rs) throws SQLException {
    return new Privilege(
        "table", name(rs).toString(), rs.getString("grantee"), rs.getString("privilege"));
  }

  static Privilege functionPrivilege(ResultSet rs) throws SQLException {
    return new Privilege(
        "function", functionKey(rs).toString(), rs.getString("grantee"), rs.getString("privilege"));
  }

  static QualifiedName name(ResultSet rs) throws SQLException {
    return new QualifiedName(rs.getString("schema"), rs.getString("name"));
  }

  static FunctionKey functionKey(ResultSet rs) throws SQLException {
    return new FunctionKey(rs.getString("schema"), rs.getString("name"), rs.getString("arguments"));
  }
}
