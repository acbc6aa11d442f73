package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Configuration keys, their precedence over attributes, and the messages for bad values. */
class ConfigurationTest {

  @MigrationTest(locations = "classpath:fixtures/broken")
  static class OverriddenTestCase {
    @Test
    void walks_the_locations_of_the_key(MigrationRun run) {
      assertThat(run.steps()).extracting(StepResult::label).contains("V1 app tables");
    }
  }

  @MigrationTest(locations = "classpath:fixtures/ok", placeholders = "customer=x")
  static class PlainTestCase {
    @Test
    void never_runs_when_configuration_is_bad() {}
  }

  @MigrationTest(
      locations = "classpath:fixtures/ok",
      placeholders = "customer",
      flyway = "validateMigrationNaming=true",
      containerNetwork = "overlay")
  static class BadAttributesTestCase {
    @Test
    void never_runs() {}
  }

  @MigrationTest(locations = "classpath:robust/empty")
  static class NoMigrationsTestCase {
    @Test
    void never_runs() {}
  }

  @MigrationTest(provider = MigrationTest.Provider.EXTERNAL)
  static class ExternalWithoutUrlTestCase {
    @Test
    void never_runs() {}
  }

  @Test
  void should_let_a_key_override_the_attribute() {
    assertAllPassed(
        Fixtures.run(
            OverriddenTestCase.class,
            Map.of(
                MigrationTest.LOCATIONS_KEY,
                "classpath:fixtures/schemas",
                MigrationTest.SCHEMAS_KEY,
                "app")),
        1);
  }

  @Test
  void should_list_every_bad_value_with_the_valid_ones() {
    EngineExecutionResults results =
        Fixtures.run(
            PlainTestCase.class,
            Map.of(
                MigrationTest.PROVIDER_KEY, "docker",
                MigrationTest.POSTGRES_VERSION_KEY, "9.6"));

    assertThat(classFailure(results, PlainTestCase.class))
        .isEqualTo(
            invalid(
                PlainTestCase.class,
                "  - cofferdam.provider=docker is not valid; valid values: embedded, container,"
                    + " external\n"
                    + "  - cofferdam.postgres.version=9.6 is not valid; valid values: a PostgreSQL major"
                    + " version from 14 to 18 (default 17)\n"));
  }

  @Test
  void should_reject_a_transactional_lock_that_is_not_a_boolean() {
    assertThat(
            failureWithProperty(
                PlainTestCase.class,
                MigrationTest.FLYWAY_KEY_PREFIX + "postgresql.transactional.lock",
                "maybe"))
        .isEqualTo(
            invalid(
                PlainTestCase.class,
                "  - flyway.postgresql.transactional.lock=maybe is not valid; valid values:"
                    + " true, false\n"));
  }

  @Test
  void should_report_bad_attributes() {
    EngineExecutionResults results = Fixtures.run(BadAttributesTestCase.class);

    assertThat(classFailure(results, BadAttributesTestCase.class))
        .isEqualTo(
            invalid(
                BadAttributesTestCase.class,
                "  - cofferdam.container.network=overlay is not valid; valid values: bridge, host\n"
                    + "  - placeholder 'customer' is not valid; valid values: name=value (key"
                    + " cofferdam.placeholders or attribute placeholders)\n"
                    + "  - flyway entry 'validateMigrationNaming=true' is not valid; valid values:"
                    + " flyway.<property>=<value>, for example flyway.validateMigrationNaming=true\n"));
  }

  @Test
  void should_reject_an_unknown_key_listing_the_valid_ones() {
    assertThat(failureWithProperty(PlainTestCase.class, "cofferdam.provder", "container"))
        .isEqualTo(
            invalid(
                PlainTestCase.class,
                "  - unknown key cofferdam.provder (from system property); did you mean"
                    + " cofferdam.provider? valid keys:"
                    + " cofferdam.baseline, cofferdam.callbacks, cofferdam.container.image,"
                    + " cofferdam.container.network, cofferdam.drift.password,"
                    + " cofferdam.drift.password.env, cofferdam.drift.url, cofferdam.drift.user,"
                    + " cofferdam.embedded.settings, cofferdam.environment,"
                    + " cofferdam.external.password, cofferdam.external.password.env,"
                    + " cofferdam.external.url, cofferdam.external.user, cofferdam.init.sql,"
                    + " cofferdam.java.migrations, cofferdam.locations, cofferdam.lock.timeout,"
                    + " cofferdam.placeholders, cofferdam.postgres.version, cofferdam.provider,"
                    + " cofferdam.report.dir, cofferdam.rules, cofferdam.schema.expected,"
                    + " cofferdam.schema.update, cofferdam.schemas, cofferdam.seeds, cofferdam.source,"
                    + " cofferdam.statement.timeout, cofferdam.table, cofferdam.undo,"
                    + " cofferdam.workflows, and"
                    + " cofferdam.flyway.<any Flyway property>\n"));
  }

  @Test
  void should_not_guess_a_key_that_is_far_from_every_valid_one() {
    assertThat(failureWithProperty(PlainTestCase.class, "cofferdam.colour", "blue"))
        .startsWith(
            invalid(PlainTestCase.class, "").replaceAll("See docs.*", "")
                + "  - unknown key cofferdam.colour (from system property); valid keys:");
  }

  @Test
  void should_reject_a_class_that_cannot_be_loaded_or_is_not_a_callback() {
    EngineExecutionResults results =
        Fixtures.run(
            PlainTestCase.class,
            Map.of(MigrationTest.CALLBACKS_KEY, "com.example.Missing, java.lang.String"));

    assertThat(classFailure(results, PlainTestCase.class))
        .contains(
            "  - cofferdam.callbacks: class com.example.Missing cannot be loaded"
                + " (java.lang.ClassNotFoundException: com.example.Missing)\n"
                + "  - cofferdam.callbacks: java.lang.String does not implement"
                + " org.flywaydb.core.api.callback.Callback\n");
  }

  @Test
  void should_fail_when_no_migration_is_found() {
    EngineExecutionResults results = Fixtures.run(NoMigrationsTestCase.class);

    assertThat(classFailure(results, NoMigrationsTestCase.class))
        .isEqualTo(
            NoMigrationsTestCase.class.getName()
                + ": no migrations found in [classpath:robust/empty]. Put"
                + " V<version>__<description>.sql files there, or point cofferdam.locations"
                + " (attribute locations) at them, e.g. classpath:db/migration or"
                + " filesystem:src/main/resources/db/migration.");
  }

  @Test
  void should_require_a_url_for_the_external_provider() {
    EngineExecutionResults results = Fixtures.run(ExternalWithoutUrlTestCase.class);

    assertThat(classFailure(results, ExternalWithoutUrlTestCase.class))
        .isEqualTo(
            invalid(
                ExternalWithoutUrlTestCase.class,
                "  - the external provider needs cofferdam.external.url (for example"
                    + " jdbc:postgresql://127.0.0.1:5432/postgres): the URL of a server you declare"
                    + " disposable\n"));
  }

  /** The failure of a class with an invalid configuration: one line per problem. */
  private static String invalid(Class<?> testClass, String problems) {
    return "Invalid Cofferdam configuration for "
        + testClass.getName()
        + ":\n"
        + problems
        + "See docs/configuration.md for every key, its default and an example.";
  }

  /** Runs a class with a system property set, and returns why it failed. */
  private static String failureWithProperty(Class<?> testClass, String key, String value) {
    System.setProperty(key, value);
    try {
      return classFailure(Fixtures.run(testClass), testClass);
    } finally {
      System.clearProperty(key);
    }
  }
}
