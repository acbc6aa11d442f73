package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.catalog.CatalogSnapshot.Column;
import io.github.cofferdam.catalog.CatalogSnapshot.Constraint;
import io.github.cofferdam.catalog.CatalogSnapshot.EnumType;
import io.github.cofferdam.catalog.CatalogSnapshot.Extension;
import io.github.cofferdam.catalog.CatalogSnapshot.Function;
import io.github.cofferdam.catalog.CatalogSnapshot.Index;
import io.github.cofferdam.catalog.CatalogSnapshot.Policy;
import io.github.cofferdam.catalog.CatalogSnapshot.Privilege;
import io.github.cofferdam.catalog.CatalogSnapshot.Sequence;
import io.github.cofferdam.catalog.CatalogSnapshot.Table;
import io.github.cofferdam.catalog.CatalogSnapshot.Trigger;
import io.github.cofferdam.catalog.CatalogSnapshot.View;
import io.github.cofferdam.catalog.QualifiedName;
import io.github.cofferdam.catalog.internal.CatalogKind.Query;
import io.github.cofferdam.catalog.internal.CatalogKind.Space;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The table of catalog object kinds: one {@link CatalogKind} per list of a {@link CatalogSnapshot},
 * each with its queries, order, owner and diff. Reading, sorting, refreshing and diffing go through
 * {@link #ALL}; see {@code docs/internals/catalog.md} for adding a kind.
 */
public final class CatalogKinds {

  private CatalogKinds() {}

  private static final Predicate<Scope> ALWAYS = scope -> true;

  public static final CatalogKind<String> SCHEMAS =
      new CatalogKind<>(
          "schemas",
          false,
          CatalogSnapshot::schemas,
          Comparator.naturalOrder(),
          null,
          (s, paths) ->
              new Described.Builder("schema " + s, "schema", Described.key("schema", s), null)
                  .build(),
          List.of(whole("schemas", "schemas.sql", rs -> rs.getString("name"))));

  public static final CatalogKind<Extension> EXTENSIONS =
      new CatalogKind<>(
          "extensions",
          false,
          CatalogSnapshot::extensions,
          Comparator.comparing(Extension::name),
          null,
          (e, paths) ->
              new Described.Builder(
                      "extension " + e.name(),
                      "extension",
                      Described.key("extension", e.name()),
                      null)
                  .with("version", e.version())
                  .with("schema", e.schema())
                  .build(),
          List.of(
              whole(
                  "extensions",
                  "extensions.sql",
                  rs ->
                      new Extension(
                          rs.getString("name"), rs.getString("version"), rs.getString("schema")))));

  public static final CatalogKind<Table> TABLES =
      new CatalogKind<>(
          "tables",
          true,
          CatalogSnapshot::tables,
          (a, b) -> QualifiedName.compare(a.schema(), a.name(), b.schema(), b.name()),
          relation(Table::schema, Table::name),
          Describe::table,
          List.of(relations("tables", "tables.sql", ALWAYS, true, Rows::table)));

  public static final CatalogKind<Column> COLUMNS =
      new CatalogKind<>(
          "columns",
          false,
          CatalogSnapshot::columns,
          ((Comparator<Column>)
                  (a, b) ->
                      QualifiedName.compare(a.schema(), a.relation(), b.schema(), b.relation()))
              .thenComparingInt(Column::position),
          relation(Column::schema, Column::relation),
          Describe::column,
          List.of(relations("columns", "columns.sql", ALWAYS, true, Rows::column)));

  public static final CatalogKind<Constraint> CONSTRAINTS =
      new CatalogKind<>(
          "constraints",
          false,
          CatalogSnapshot::constraints,
          inTable(Constraint::schema, Constraint::table, Constraint::name),
          relation(Constraint::schema, Constraint::table),
          Describe::constraint,
          List.of(relations("constraints", "constraints.sql", ALWAYS, true, Rows::constraint)));

  public static final CatalogKind<Index> INDEXES =
      new CatalogKind<>(
          "indexes",
          false,
          CatalogSnapshot::indexes,
          inTable(Index::schema, Index::table, Index::name),
          relation(Index::schema, Index::table),
          Describe::index,
          List.of(relations("indexes", "indexes.sql", ALWAYS, true, Rows::index)));

  public static final CatalogKind<View> VIEWS =
      new CatalogKind<>(
          "views",
          true,
          CatalogSnapshot::views,
          (a, b) -> QualifiedName.compare(a.schema(), a.name(), b.schema(), b.name()),
          relation(View::schema, View::name),
          Describe::view,
          List.of(
              relations(
                  "views", "views.sql", scope -> scope.mayHave("v", "m"), false, Rows::view)));

  public static final CatalogKind<Function> FUNCTIONS =
      new CatalogKind<>(
          "functions",
          true,
          CatalogSnapshot::functions,
          FunctionKey::compare,
          new CatalogKind.Owner<>() {
            @Override
            public Object of(Function f) {
              return FunctionKey.of(f);
            }

            @Override
            public int locate(Function f, Object key) {
              return ((FunctionKey) key).locate(f);
            }
          },
          Describe::function,
          List.of(
              new Query<>(
                  "functions",
                  "functions.sql",
                  Space.FUNCTIONS,
                  ALWAYS,
                  false,
                  Rows::function,
                  null)));

  public static final CatalogKind<Trigger> TRIGGERS =
      new CatalogKind<>(
          "triggers",
          false,
          CatalogSnapshot::triggers,
          inTable(Trigger::schema, Trigger::table, Trigger::name),
          relation(Trigger::schema, Trigger::table),
          Describe::trigger,
          List.of(
              relations("triggers", "triggers.sql", Scope::mayHaveTriggers, true, Rows::trigger)));

  public static final CatalogKind<EnumType> ENUMS =
      new CatalogKind<>(
          "enum types",
          true,
          CatalogSnapshot::enums,
          (a, b) -> QualifiedName.compare(a.schema(), a.name(), b.schema(), b.name()),
          relation(EnumType::schema, EnumType::name),
          Describe::enumType,
          List.of(
              new Query<>(
                  "enum types", "enums.sql", Space.ENUMS, ALWAYS, false, Rows::enumType, null)));

  public static final CatalogKind<Sequence> SEQUENCES =
      new CatalogKind<>(
          "sequences",
          true,
          CatalogSnapshot::sequences,
          (a, b) -> QualifiedName.compare(a.schema(), a.name(), b.schema(), b.name()),
          relation(Sequence::schema, Sequence::name),
          Describe::sequence,
          List.of(
              relations(
                  "sequences",
                  "sequences.sql",
                  scope -> scope.mayHave("S"),
                  false,
                  Rows::sequence)));

  public static final CatalogKind<Policy> POLICIES =
      new CatalogKind<>(
          "policies",
          false,
          CatalogSnapshot::policies,
          inTable(Policy::schema, Policy::table, Policy::name),
          relation(Policy::schema, Policy::table),
          Describe::policy,
          List.of(
              relations("policies", "policies.sql", Scope::mayHavePolicies, true, Rows::policy)));

  /** Privileges belong to tables or functions: not ordered by owner, owners kept aside. */
  public static final CatalogKind<Privilege> PRIVILEGES =
      new CatalogKind<>(
          "privileges",
          false,
          CatalogSnapshot::privileges,
          Comparator.comparing(Privilege::objectType)
              .thenComparing(Privilege::object)
              .thenComparing(Privilege::grantee)
              .thenComparing(Privilege::privilege),
          null,
          Describe::privilege,
          List.of(
              new Query<>(
                  "table privileges",
                  "table-privileges.sql",
                  Space.RELATIONS,
                  Scope::mayHavePrivileges,
                  true,
                  Rows::tablePrivilege,
                  Rows::name),
              new Query<>(
                  "function privileges",
                  "function-privileges.sql",
                  Space.FUNCTIONS,
                  Scope::functionPrivileges,
                  false,
                  Rows::functionPrivilege,
                  Rows::functionKey)));

  /** Every kind, in the order a whole read sends their queries. */
  static final List<CatalogKind<?>> ALL =
      List.of(
          SCHEMAS,
          EXTENSIONS,
          TABLES,
          COLUMNS,
          CONSTRAINTS,
          INDEXES,
          VIEWS,
          TRIGGERS,
          SEQUENCES,
          POLICIES,
          FUNCTIONS,
          ENUMS,
          PRIVILEGES);

  /** Every entry of {@code snapshot} as a schema diff sees it, kind by kind. */
  public static List<Described> describeAll(CatalogSnapshot snapshot) {
    Paths paths = new Paths(snapshot);
    List<Described> all = new ArrayList<>();
    for (CatalogKind<?> kind : ALL) {
      describeInto(kind, snapshot, paths, all);
    }
    return all;
  }

  private static <T> void describeInto(
      CatalogKind<T> kind, CatalogSnapshot snapshot, Paths paths, List<Described> into) {
    for (T entry : kind.of(snapshot)) {
      into.add(kind.describer.describe(entry, paths));
    }
  }

  private static <T> Query<T> whole(String name, String resource, CatalogKind.RowMapper<T> row) {
    return new Query<>(name, resource, Space.WHOLE, ALWAYS, false, row, null);
  }

  private static <T> Query<T> relations(
      String name,
      String resource,
      Predicate<Scope> needed,
      boolean excludable,
      CatalogKind.RowMapper<T> row) {
    return new Query<>(name, resource, Space.RELATIONS, needed, excludable, row, null);
  }

  /** Entries owned by the relation {@code (schema, name)}: a {@link QualifiedName} key. */
  private static <T> CatalogKind.Owner<T> relation(
      java.util.function.Function<T, String> schema, java.util.function.Function<T, String> name) {
    return new CatalogKind.Owner<>() {
      @Override
      public Object of(T entry) {
        return new QualifiedName(schema.apply(entry), name.apply(entry));
      }

      @Override
      public int locate(T entry, Object key) {
        QualifiedName k = (QualifiedName) key;
        return QualifiedName.compare(schema.apply(entry), name.apply(entry), k.schema(), k.name());
      }
    };
  }

  /** By table ({@code schema, table}), then name. */
  private static <T> Comparator<T> inTable(
      java.util.function.Function<T, String> schema,
      java.util.function.Function<T, String> table,
      java.util.function.Function<T, String> name) {
    return (a, b) -> {
      int c =
          QualifiedName.compare(schema.apply(a), table.apply(a), schema.apply(b), table.apply(b));
      return c != 0 ? c : name.apply(a).compareTo(name.apply(b));
    };
  }
}
