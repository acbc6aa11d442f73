package io.github.cofferdam.junit;

import static io.github.cofferdam.junit.Fixtures.assertAllPassed;
import static io.github.cofferdam.junit.Fixtures.classFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.spring.OwnTableFixture;
import io.github.cofferdam.junit.spring.SpringFixtureLoader;
import io.github.cofferdam.junit.spring.SpringSettingsFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot project's own Flyway settings ({@code spring.flyway.*} in application.properties or
 * application.yml on the test classpath) reach the walk, beneath Cofferdam's keys and attributes.
 * Each fixture class sees the files of one folder under {@code spring/} as its classpath's
 * application files.
 */
class SpringFlywaySettingsTest {

  private static final String WALKED = "[V1 accounts]";

  @SuppressWarnings("unchecked")
  private static Map<String, String> run(
      Class<?> fixture, String folder, boolean hideYaml, Map<String, String> parameters)
      throws ReflectiveOperationException {
    Class<?> loaded = SpringFixtureLoader.load(fixture, folder, hideYaml);
    assertAllPassed(Fixtures.run(loaded, parameters), 1);
    return Map.copyOf((Map<String, String>) loaded.getField("SEEN").get(null));
  }

  @Test
  void should_walk_with_the_settings_of_application_properties() throws Exception {
    Map<String, String> seen = run(SpringSettingsFixture.class, "properties", false, Map.of());

    assertThat(seen)
        .containsEntry("successful", "true")
        .containsEntry("steps", WALKED)
        // placeholders, one through Spring's ${name:default}
        .containsEntry("account", "ada:eu")
        // spring.flyway.table in spring.flyway.schemas; default-schema puts the table there
        .containsEntry("history", "app.app_history")
        .containsEntry("public accounts", "null");
  }

  @Test
  void should_walk_with_the_settings_of_application_yml_and_skip_profile_documents()
      throws Exception {
    Map<String, String> seen = run(SpringSettingsFixture.class, "yaml", false, Map.of());

    assertThat(seen)
        .containsEntry("steps", WALKED)
        .containsEntry("account", "ada:eu")
        .containsEntry("history", "app.app_history");
  }

  @Test
  void should_let_application_properties_win_over_application_yml_in_one_place() throws Exception {
    Map<String, String> seen = run(SpringSettingsFixture.class, "both", false, Map.of());

    assertThat(seen)
        .containsEntry("account", "from-properties:eu")
        .containsEntry("history", "app.app_history");
  }

  @Test
  void should_let_config_application_properties_win_over_the_root_one() throws Exception {
    Map<String, String> seen = run(SpringSettingsFixture.class, "config-dir", false, Map.of());

    assertThat(seen)
        .containsEntry("account", "from-config:eu")
        .containsEntry("history", "app.app_history");
  }

  @Test
  void should_let_a_cofferdam_key_win_over_spring() throws Exception {
    Map<String, String> seen =
        run(
            SpringSettingsFixture.class,
            "properties",
            false,
            Map.of(MigrationTest.PLACEHOLDERS_KEY, "owner=grace"));

    assertThat(seen).containsEntry("account", "grace:eu");
  }

  @Test
  void should_let_an_attribute_win_over_spring() throws Exception {
    Map<String, String> seen = run(OwnTableFixture.class, "properties", false, Map.of());

    assertThat(seen).containsEntry("history", "app.own_history");
  }

  @Test
  void should_name_the_file_and_the_fix_when_yaml_cannot_be_read() {
    Class<?> loaded = SpringFixtureLoader.load(SpringSettingsFixture.class, "yaml", true);

    assertThat(classFailure(Fixtures.run(loaded), loaded))
        .contains("Invalid Cofferdam configuration")
        .contains(
            "application.yml on the test classpath has Flyway settings, but SnakeYAML"
                + " (org.yaml:snakeyaml) is not on the test classpath")
        .contains("give the settings as cofferdam.* keys or application.properties");
  }

  @Test
  void should_name_an_unset_reference() {
    Class<?> loaded = SpringFixtureLoader.load(SpringSettingsFixture.class, "unresolved", false);

    assertThat(classFailure(Fixtures.run(loaded), loaded))
        .contains(
            "spring.flyway.placeholders.owner=${COFFERDAM_TEST_OWNER_NOT_SET} (from"
                + " application.properties) refers to ${COFFERDAM_TEST_OWNER_NOT_SET}, which is"
                + " not set");
  }
}
