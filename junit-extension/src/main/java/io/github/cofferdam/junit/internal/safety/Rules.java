package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.catalog.CatalogSnapshot;
import io.github.cofferdam.diff.SchemaDiff;
import java.util.Map;

/**
 * The rules stage: every rule but idempotency (the replay's) turns what one migration did into
 * findings. Adding a rule: a method on {@link Checks}, called here.
 *
 * <p>rpc-drift is kept up to date from step to step ({@link RpcDrifts}) rather than computed whole
 * at each; in Cofferdam's own tests ({@code verify}) each step also computes it whole and fails on
 * any difference.
 */
final class Rules {

  private final Probes probes;
  private final Repeatables repeatables;
  private final boolean watchingDrops;
  private final boolean verify;
  private RpcDrifts drifts;
  private Map<String, String> drift;

  Rules(Probes probes, Repeatables repeatables, boolean watchingDrops, boolean verify) {
    this.probes = probes;
    this.repeatables = repeatables;
    this.watchingDrops = watchingDrops;
    this.verify = verify;
  }

  /** Adds the findings of every rule to the step's checks. */
  void run(Step step) {
    SchemaDiff schema = step.captured.changes();
    CatalogSnapshot after = step.after();
    Checks checks = step.checks;
    checks.dataLoss(step.dataDiff, step.captured.dropped(), step.dml.touched());
    if (step.writesKnown()) { // else a table written to would look changed behind its back
      checks.dataChanged(
          step.was(),
          after,
          step.dataDiff,
          step.dml.touched(),
          probes,
          Narrowing.renamedEnums(schema, step.text));
    }
    ObjectLost.check(checks, schema, step.captured.dropped(), watchingDrops, repeatables);
    Narrowing.check(checks, schema, after, probes, step.text);
    LockRules.check(step);
    // drift depends only on functions and table columns: nothing else can start one
    if (schema.changes().stream()
        .anyMatch(
            ch ->
                ch.kind().equals("function")
                    || ch.kind().equals("column")
                    || ch.kind().equals("table"))) {
      Map<String, String> was = driftOf(step.was());
      drift = verified(drifts.moveTo(after), after);
      checks.rpcDrift(was, drift, after);
    }
  }

  /** The drifts before the step: computed whole once, then kept up to date. */
  private Map<String, String> driftOf(CatalogSnapshot before) {
    if (drifts == null) {
      drifts = RpcDrifts.of(before);
      drift = verified(drifts.current(), before);
    }
    return drift;
  }

  private Map<String, String> verified(Map<String, String> kept, CatalogSnapshot snapshot) {
    if (verify && !kept.equals(Checks.drift(snapshot))) {
      throw new IllegalStateException(
          "incremental rpc-drift differs from a whole computation:\nwhole: "
              + Checks.drift(snapshot)
              + "\nincremental: "
              + kept);
    }
    return kept;
  }
}
