package io.github.cofferdam.catalog;

import io.github.cofferdam.catalog.internal.CatalogKinds;
import io.github.cofferdam.catalog.internal.CatalogReader;
import io.github.cofferdam.catalog.internal.Snapshots;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable photograph of a PostgreSQL database: its schema objects and, optionally, the row
 * count and data fingerprints of every table. Every list is sorted (by schema, then name: see
 * {@link QualifiedName}), so two snapshots of the same database are equal and serialize to the same
 * bytes ({@link SnapshotJson}).
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

  /** Copies and sorts every list, each in its kind's order (see {@link QualifiedName}). */
  public CatalogSnapshot {
    schemas = CatalogKinds.SCHEMAS.sorted(schemas);
    tables = CatalogKinds.TABLES.sorted(tables);
    columns = CatalogKinds.COLUMNS.sorted(columns);
    constraints = CatalogKinds.CONSTRAINTS.sorted(constraints);
    indexes = CatalogKinds.INDEXES.sorted(indexes);
    views = CatalogKinds.VIEWS.sorted(views);
    functions = CatalogKinds.FUNCTIONS.sorted(functions);
    triggers = CatalogKinds.TRIGGERS.sorted(triggers);
    enums = CatalogKinds.ENUMS.sorted(enums);
    sequences = CatalogKinds.SEQUENCES.sorted(sequences);
    extensions = CatalogKinds.EXTENSIONS.sorted(extensions);
    policies = CatalogKinds.POLICIES.sorted(policies);
    privileges = CatalogKinds.PRIVILEGES.sorted(privileges);
    data = Snapshots.sortedData(data);
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
      CatalogSnapshot previous, Connection connection, Set<QualifiedName> refresh) {
    return Snapshots.withDataFrom(this, previous, connection, refresh);
  }

  /** The columns of a table or view, in order (a binary search: the columns are sorted). */
  public List<Column> columnsOf(String schema, String relation) {
    return List.copyOf(Snapshots.columnsOf(this, schema, relation));
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
      String schema,
      String table,
      String name,
      String type,
      String definition,
      boolean validated) {}

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
   * @param bodyHash an MD5 hash of the body's source
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
      String schema, String table, String name, String definition, String enabled) {}

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
  }

  /**
   * A privilege granted on a table or function.
   *
   * @param objectType {@code table} or {@code function}
   * @param object the qualified table, or the function's signature
   * @param grantee the role, or {@code PUBLIC}
   * @param privilege {@code SELECT}, {@code EXECUTE}, ...
   */
  public record Privilege(String objectType, String object, String grantee, String privilege) {}

  /**
   * The rows of a table, as PostgreSQL summarizes them.
   *
   * @param schema the table's schema
   * @param table the table
   * @param rowCount the exact number of rows
   * @param fingerprint the sum of a 64-bit hash ({@code hashtextextended}) of the text of every
   *     row; {@code null} for an empty table
   * @param columnFingerprints per column name, the sum of a 64-bit hash of each value's text (a
   *     null counting as 1): see {@link Fingerprints}
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
