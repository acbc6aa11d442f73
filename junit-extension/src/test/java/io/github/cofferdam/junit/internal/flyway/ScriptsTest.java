package io.github.cofferdam.junit.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.EmbeddedServerExtension;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plan's scripts: each migration read and parsed once, whichever thread asks first (the
 * parse-ahead thread or the walk), and the results handed over as values, not through caches.
 */
class ScriptsTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  @Test
  void should_parse_each_migration_once_and_hand_the_parse_ahead_results_to_the_walk()
      throws Exception {
    try (TestDatabase db = server.createDatabase("scripts parse ahead")) {
      MigrationWalker.Plan plan = plan(db);
      List<MigrationInfo> pending = plan.pending();
      Scripts scripts = plan.scripts();

      Scripts.Parsed first;
      try (DirectMigrate.ParseAhead ahead = new DirectMigrate.ParseAhead(scripts, pending)) {
        first = ahead.parsed(0);
        // the value the walk gets later is the one the parse ahead made: parsed once
        assertThat(scripts.parsed(pending.get(0))).isSameAs(first);
        assertThat(ahead.parsed(1)).isSameAs(scripts.parsed(pending.get(1)));
      }
      assertThat(first.usable()).isTrue();
      assertThat(first.text()).hasValueSatisfying(t -> assertThat(t).contains("CREATE TABLE"));
      assertThat(first.joined())
          .hasValueSatisfying(
              j -> assertThat(j).contains("CREATE TABLE accounts").contains("\n;\n"));
      assertThat(scripts.text(pending.get(0))).isEqualTo(first.text());
      assertThat(scripts.joined(pending.get(0))).isEqualTo(first.joined());

      // V2 runs outside a transaction: the own loop cannot apply it, and it is not joined
      Scripts.Parsed outside = scripts.parsed(pending.get(1));
      assertThat(outside.usable()).isFalse();
      assertThat(outside.joined()).isEmpty();
      assertThat(outside.text()).hasValueSatisfying(t -> assertThat(t).contains("VACUUM"));
    }
  }

  @Test
  void should_parse_on_demand_what_no_parse_ahead_reached() throws Exception {
    try (TestDatabase db = server.createDatabase("scripts on demand")) {
      MigrationWalker.Plan plan = plan(db);
      MigrationInfo last = plan.pending().get(2);

      Scripts.Parsed parsed = plan.scripts().parsed(last);

      assertThat(parsed.usable()).isTrue();
      assertThat(parsed.text())
          .hasValueSatisfying(t -> assertThat(t).contains("CREATE TABLE audit"));
      assertThat(plan.scripts().parsed(last)).isSameAs(parsed);
    }
  }

  @Test
  void should_read_flyways_own_view_of_a_migration_from_its_own_executor() throws Exception {
    try (TestDatabase db = server.createDatabase("scripts flyway view")) {
      MigrationWalker.Plan plan = plan(db);
      // as Flyway's migrate() hands migrations to its callbacks: resolved again, other objects
      MigrationInfo again =
          Flyway.configure(ScriptsTest.class.getClassLoader())
              .dataSource(db)
              .locations("classpath:direct/notx")
              .load()
              .info()
              .pending()[0];

      assertThat(again).isNotSameAs(plan.pending().get(0));
      assertThat(plan.scripts().text(again)).isEqualTo(plan.scripts().text(plan.pending().get(0)));
      assertThat(plan.scripts().joined(again))
          .isEqualTo(plan.scripts().joined(plan.pending().get(0)));
      // asked again (the replay after the transaction-control check): joined once
      assertThat(plan.scripts().joined(again)).isSameAs(plan.scripts().joined(again));
    }
  }

  private static MigrationWalker.Plan plan(TestDatabase db) {
    return new MigrationWalker(
            db,
            FlywaySettings.ofLocations(
                List.of("classpath:direct/notx"), ScriptsTest.class.getClassLoader()))
        .plan();
  }
}
