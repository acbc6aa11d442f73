package io.github.cofferdam.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.MigrationTest;
import io.github.cofferdam.junit.StepResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The smallest useful Cofferdam test: the migrations in {@code src/main/resources/db/migration}
 * (Flyway's default location) are applied one at a time in a fresh embedded PostgreSQL. The schema
 * they build is compared with the committed expected-schema file (docs/drift.md): a migration that
 * changes the schema fails this class until {@code mvn test -Dcofferdam.schema.update=true}
 * rewrites the file, so the change shows in review as a diff of that file.
 */
@MigrationTest(expectedSchema = "src/test/resources/quickstart/expected-schema.txt")
class OrdersMigrationsTest {

  @Test
  void every_migration_applies_in_order(MigrationRun run) {
    assertThat(run.steps())
        .extracting(StepResult::label)
        .containsExactly(
            "V1 create orders", "V2 orders status", "V3 order lines", "R order totals view");
    assertThat(run.successful()).isTrue();
    assertThat(run.finalVersion()).contains("3");
  }

  @Test
  void the_migrated_schema_accepts_an_order(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO orders (customer, status) VALUES ('ada', 'paid')");
      s.execute(
          "INSERT INTO order_lines (order_id, line_no, sku, quantity)"
              + " SELECT id, 1, 'BOOK-1', 2 FROM orders WHERE customer = 'ada'");
      try (ResultSet rs = s.executeQuery("SELECT customer, status, lines FROM order_totals")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("customer")).isEqualTo("ada");
        assertThat(rs.getLong("lines")).isEqualTo(1);
      }
    }
  }
}
