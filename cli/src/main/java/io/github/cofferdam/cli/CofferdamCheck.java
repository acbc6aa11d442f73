package io.github.cofferdam.cli;

import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;

/**
 * The class the command line runs: every setting comes from the {@code cofferdam.*} keys the
 * command line passes to the launcher as configuration parameters; one node per migration.
 */
@MigrationTest
final class CofferdamCheck implements MigrationSafety {}
