package io.github.cofferdam.junit.spring;

import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.MigrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** An attribute of the annotation beats the project's spring.flyway.table. */
@MigrationTest(table = "own_history")
public class OwnTableFixture {

  /** What the last run saw, as {@link SpringSettingsFixture#SEEN}. */
  public static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @Test
  void migrates(MigrationRun run, Connection connection) throws SQLException {
    SpringSettingsFixture.record(run, connection, SEEN);
  }
}
