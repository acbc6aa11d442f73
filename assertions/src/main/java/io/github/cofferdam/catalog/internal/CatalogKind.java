package io.github.cofferdam.catalog.internal;

import io.github.cofferdam.catalog.CatalogSnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of catalog object, described once: the list of a snapshot it fills, the queries that
 * read it, its order, what it belongs to (for a refresh, which replaces the entries of what
 * changed), and how a schema diff sees an entry. {@link CatalogKinds} holds one per kind.
 *
 * <p>A <em>named</em> kind's entries are objects with an OID of their own (tables, views,
 * sequences, functions, enum types): its queries select it as {@code oid}, and a read records each
 * OID with the entry's key, so that a later change named by OID finds the entry.
 *
 * @param <T> the snapshot record of the kind
 */
public final class CatalogKind<T> {

  /**
   * What a partial read names objects by: relations, functions or enum types (by OID); {@code
   * WHOLE} kinds are only read with the whole catalog.
   */
  enum Space {
    WHOLE,
    RELATIONS,
    FUNCTIONS,
    ENUMS
  }

  /** Makes one entry of a row, reading its columns by name. */
  @FunctionalInterface
  interface RowMapper<R> {
    R map(ResultSet row) throws SQLException;
  }

  /** How a schema diff sees an entry. */
  @FunctionalInterface
  interface Describer<T> {
    Described describe(T entry, Paths paths);
  }

  /**
   * What an entry belongs to (its owner: a relation, a function, an enum type, or itself): a
   * refresh replaces the entries of an owner at once. The kind's order sorts by owner first, so the
   * entries of one owner are one block, found by binary search.
   */
  interface Owner<T> {
    /**
     * The key of {@code entry}'s owner ({@link io.github.cofferdam.catalog.QualifiedName}, ...).
     */
    Object of(T entry);

    /** {@code entry}'s owner against {@code key}, as the kind's order places them. */
    int locate(T entry, Object key);
  }

  /**
   * One query of a kind.
   *
   * @param name what it reads, for error messages ({@code the tables of the catalog})
   * @param resource the SQL file, next to this class
   * @param space what a partial read names, or {@code WHOLE}
   * @param needed whether a partial read of this scope runs it
   * @param excludable whether entries of tables the options leave out are dropped
   * @param row makes an entry of a row
   * @param owner the owner key of a row, for kinds not ordered by owner; {@code null} otherwise
   */
  record Query<T>(
      String name,
      String resource,
      Space space,
      Predicate<Scope> needed,
      boolean excludable,
      RowMapper<T> row,
      RowMapper<Object> owner) {}

  final String name;
  final boolean named;
  final Function<CatalogSnapshot, List<T>> list;
  final Comparator<T> order;
  final Owner<T> owner;
  final Describer<T> describer;
  final List<Query<T>> queries;

  CatalogKind(
      String name,
      boolean named,
      Function<CatalogSnapshot, List<T>> list,
      Comparator<T> order,
      Owner<T> owner,
      Describer<T> describer,
      List<Query<T>> queries) {
    this.name = name;
    this.named = named;
    this.list = list;
    this.order = order;
    this.owner = owner;
    this.describer = describer;
    this.queries = List.copyOf(queries);
  }

  /** The kind's list in a snapshot. */
  List<T> of(CatalogSnapshot snapshot) {
    return list.apply(snapshot);
  }

  /** {@code entries} in the kind's order (the list itself when it is a sorted one already). */
  public List<T> sorted(List<T> entries) {
    return Ordering.sorted(entries, order);
  }

  /** The space whose OIDs name this kind's owners in a partial read. */
  Space space() {
    return queries.get(0).space();
  }

  @Override
  public String toString() {
    return name;
  }
}
