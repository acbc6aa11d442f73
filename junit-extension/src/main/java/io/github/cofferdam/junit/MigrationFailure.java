package io.github.cofferdam.junit;

import java.util.Optional;

/**
 * Why a migration failed, as PostgreSQL and Flyway reported it.
 *
 * @param sqlState the five-character SQLSTATE, or {@code null} when the failure was not an SQL
 *     error
 * @param sqlStateMeaning the condition name and a short explanation of the SQLSTATE
 * @param message PostgreSQL's primary message (or Flyway's, for non-SQL failures)
 * @param detail PostgreSQL's DETAIL, when given
 * @param hint PostgreSQL's HINT, when given
 * @param line the line of the failing statement in the script, when Flyway knows it
 * @param statement the failing statement, when Flyway knows it
 * @param report the complete, human-readable failure message Cofferdam reports
 * @since 0.1.0
 */
public record MigrationFailure(
    String sqlState,
    String sqlStateMeaning,
    String message,
    Optional<String> detail,
    Optional<String> hint,
    Optional<Integer> line,
    Optional<String> statement,
    String report) {}
