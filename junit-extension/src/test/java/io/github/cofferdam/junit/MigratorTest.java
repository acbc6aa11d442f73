package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Version-pinned tests: each method its own database, cloned from per-version templates. */
class MigratorTest {

  static final Map<String, List<String>> JOURNALS = new ConcurrentHashMap<>();
  static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

  @MigrationTest(locations = "classpath:migrator")
  static class MigratorTestCase {

    @Test
    void v2_splits_full_name(Migrator migrator) {
      migrator.migrateTo("1");
      migrator.execute("INSERT INTO person (full_name) VALUES (?), (?)", "Ada Lovelace", "Plato");

      StepResult step = migrator.migrate("2");

      assertThat(step).isApplied().preservesRowCount("person").hasNoFindings();
      assertThat(migrator.queryForList("SELECT first_name FROM person ORDER BY id", String.class))
          .containsExactly("Ada", "Plato");
      assertThat(migrator.queryForList("SELECT last_name FROM person ORDER BY id", String.class))
          .containsExactly("Lovelace", null);
      JOURNALS.put("split", migrator.journal());
      DATABASES.put(
          "split", migrator.queryForList("SELECT current_database()", String.class).get(0));
    }

    @Test
    void each_method_has_its_own_database(Migrator migrator) {
      migrator.migrateTo("1");

      assertThat(migrator.queryForList("SELECT count(*) FROM person", Long.class))
          .containsExactly(0L);
      JOURNALS.put("own", migrator.journal());
      DATABASES.put("own", migrator.queryForList("SELECT current_database()", String.class).get(0));
    }

    @Test
    void v3_drops_a_column_the_safety_walk_reports(Migrator migrator) {
      migrator.migrateTo("2");
      migrator.execute("INSERT INTO person (full_name, first_name) VALUES ('A B', 'A')");

      StepResult step = migrator.migrate("3");

      assertThat(step).isApplied().preservesRowCount("person");
      assertThat(step.schemaDiff().removed())
          .extracting(c -> c.path())
          .containsExactly("table public.person / column full_name");
      assertThat(migrator.journal())
          .last()
          .asString()
          .startsWith("migrate 3: V3 drop full name applied");
    }

    @Test
    void bad_versions_are_explained(Migrator migrator) {
      assertThatThrownBy(() -> migrator.migrateTo("9"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("migrateTo(\"9\"): no versioned migration has version 9; versions: 1, 2, 3");
      assertThatThrownBy(() -> migrator.migrateTo("latest"))
          .hasMessage("\"latest\" is not a migration version; use one such as \"41\" or \"1.2\"");
      migrator.migrateTo("2");
      assertThatThrownBy(() -> migrator.migrate("1"))
          .hasMessage("migrate(\"1\"): version 1 is not pending in this database; pending: 3");
    }
  }

  @Test
  void should_isolate_methods_and_build_each_template_once() {
    JOURNALS.clear();
    DATABASES.clear();

    assertAllPassed(Fixtures.run(MigratorTestCase.class), 4);

    assertThat(DATABASES.get("split")).isNotEqualTo(DATABASES.get("own"));
    // both methods asked for version 1: one built its template with Flyway, the other cloned it
    List<String> first = JOURNALS.get("split");
    List<String> second = JOURNALS.get("own");
    long built =
        java.util.stream.Stream.of(first, second)
            .filter(j -> j.get(0).startsWith("migrateTo 1: built template "))
            .count();
    long cloned =
        java.util.stream.Stream.of(first, second)
            .filter(j -> j.get(0).startsWith("migrateTo 1: cloned template "))
            .count();
    assertThat(built).isEqualTo(1);
    assertThat(cloned).isEqualTo(1);
    assertThat(first.get(first.size() - 1))
        .isEqualTo("migrate 2: V2 split full name applied, safe");
  }
}
