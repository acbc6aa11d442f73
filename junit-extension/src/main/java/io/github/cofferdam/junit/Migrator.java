package io.github.cofferdam.junit;

import java.util.List;
import javax.sql.DataSource;

/**
 * Version-pinned migration tests (the django-test-migrations / GitLab pattern). A test method that
 * takes a {@code Migrator} gets a database of its own:
 *
 * <pre>{@code
 * @Test
 * void v42_splits_full_name(Migrator migrator) {
 *   migrator.migrateTo("41");                      // fresh database at exactly version 41
 *   migrator.execute("insert into person(full_name) values ('Ada Lovelace')");
 *   StepResult step = migrator.migrate("42");       // applies 42 with every safety check
 *   assertThat(step).preservesRowCount("person").hasNoFindings();
 *   assertThat(migrator.queryForList("select first_name from person", String.class))
 *       .containsExactly("Ada");
 * }
 * }</pre>
 *
 * <p>{@link #migrateTo} does not replay history for each test: the database at a version is built
 * once per run as a template (keyed by the checksums of the migrations up to it) and cloned with
 * {@code CREATE DATABASE … TEMPLATE}.
 *
 * @since 0.1.0
 */
public interface Migrator {

  /**
   * Replaces this test's database with a fresh one at exactly this version: every versioned
   * migration up to and including it applied, nothing after it, no repeatable migration.
   *
   * @throws IllegalArgumentException when no versioned migration has this version
   * @throws IllegalStateException when a migration up to it fails (its message)
   */
  void migrateTo(String version);

  /**
   * Applies the pending migrations up to and including this version, each with every safety check
   * (replay, data, objects, constraints, function result types), and returns the step of this
   * version (or of the migration that failed before it).
   *
   * @throws IllegalArgumentException when the version is not pending in this database
   */
  StepResult migrate(String version);

  /** Executes SQL (with {@code ?} parameters) in this test's database, committed. */
  void execute(String sql, Object... parameters);

  /** The first column of every row of a query, as {@code type}. */
  <T> List<T> queryForList(String sql, Class<T> type, Object... parameters);

  /** This test's database. */
  DataSource dataSource();

  /**
   * What this migrator did, one line per action: {@code migrateTo 41: built template …}, {@code
   * migrateTo 41: cloned template …}, {@code migrate 42: V42 split name applied, safe}.
   */
  List<String> journal();
}
