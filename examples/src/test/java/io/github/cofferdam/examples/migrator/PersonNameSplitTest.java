package io.github.cofferdam.examples.migrator;

import static io.github.cofferdam.junit.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.MigrationTest;
import io.github.cofferdam.junit.Migrator;
import io.github.cofferdam.junit.StepResult;
import org.junit.jupiter.api.Test;

/**
 * A version-pinned test of a data migration: put rows in at version 1, apply version 2 with every
 * safety check, and look at the data. Each test method has its own database, cloned from a template
 * of version 1 that is built once.
 */
@MigrationTest(locations = "classpath:db/person")
class PersonNameSplitTest {

  @Test
  void v2_splits_full_name(Migrator migrator) {
    migrator.migrateTo("1");
    migrator.execute("INSERT INTO person (full_name) VALUES ('Ada Lovelace'), ('Plato')");

    StepResult step = migrator.migrate("2");

    assertThat(step).preservesRowCount("person").hasNoFindings();
    assertThat(migrator.queryForList("SELECT first_name FROM person ORDER BY id", String.class))
        .containsExactly("Ada", "Plato");
    assertThat(migrator.queryForList("SELECT last_name FROM person ORDER BY id", String.class))
        .containsExactly("Lovelace", null);
  }

  @Test
  void v2_keeps_names_with_several_parts(Migrator migrator) {
    migrator.migrateTo("1");
    migrator.execute("INSERT INTO person (full_name) VALUES ('Ludwig van Beethoven')");

    migrator.migrate("2");

    assertThat(migrator.queryForList("SELECT last_name FROM person", String.class))
        .containsExactly("van Beethoven");
  }
}
