package io.github.cofferdam.junit;

import java.util.List;
import java.util.Optional;

/**
 * How a critical workflow fared across the migrations.
 *
 * @param name the workflow: the method name, or the SQL file name without {@code .sql}
 * @param outcomes one outcome per applied migration, in order
 * @param passesFrom the label of the migration from which it passes ({@code V14}), if any
 * @param culprit the script of the migration that broke it, if one did
 * @param broken whether the workflow fails its test node
 * @param report the one-line verdict, such as {@code workflow [x] passes from V14, broken by
 *     V19__physical_count.sql: ERROR 23514 ...}
 * @since 0.1.0
 */
public record WorkflowResult(
    String name,
    List<Outcome> outcomes,
    Optional<String> passesFrom,
    Optional<String> culprit,
    boolean broken,
    String report) {

  /** Copies the outcomes. */
  public WorkflowResult {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * The workflow after one migration.
   *
   * @param label the migration's label ({@code V19 physical count})
   * @param script the migration's script
   * @param passed whether the workflow passed
   * @param error the error, when it failed ({@code ERROR 23514 new row ...})
   * @since 0.1.0
   */
  public record Outcome(String label, String script, boolean passed, Optional<String> error) {}
}
