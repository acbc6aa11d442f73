package io.github.cofferdam.junit.internal.report;

import io.github.cofferdam.junit.Locking;
import io.github.cofferdam.junit.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step's locks and rewrites in the reports: every relation that existed before the migration and
 * that it held a lock on, in which mode, what that mode blocks, and whether it got a new file. A
 * lock on a relation the migration created blocks nobody and is left out.
 */
final class LockTable {

  private LockTable() {}

  /**
   * The locks worth showing: on relations that existed before the migration, when one of them
   * blocks writes or was rewritten (a migration that only inserts or reads shows none).
   */
  static List<Locking.Lock> shown(StepResult s) {
    List<Locking.Lock> before = s.locks().stream().filter(Locking.Lock::existedBefore).toList();
    boolean blocks = before.stream().anyMatch(l -> l.mode().blocksWrites());
    return blocks || !s.rewrites().isEmpty() ? before : List.of();
  }

  private static Optional<Locking.Rewrite> rewrite(StepResult s, String relation) {
    return s.rewrites().stream().filter(r -> r.relation().equals(relation)).findFirst();
  }

  /** The JSON {@code locking} object of a step. */
  static Map<String, Object> json(StepResult s) {
    Map<String, Object> locking = new LinkedHashMap<>();
    locking.put("observed", s.locking().observed());
    locking.put("lockTimeout", s.locking().lockTimeout().orElse(null));
    List<Map<String, Object>> locks = new ArrayList<>();
    for (Locking.Lock l : s.locks()) {
      Map<String, Object> lock = new LinkedHashMap<>();
      lock.put("relation", l.relation());
      lock.put("kind", l.kind());
      lock.put("mode", l.mode().sqlName());
      lock.put("blocks", l.blocks());
      lock.put("existedBefore", l.existedBefore());
      lock.put("rowsBefore", l.rowsBefore());
      locks.add(lock);
    }
    locking.put("locks", locks);
    List<Map<String, Object>> rewrites = new ArrayList<>();
    for (Locking.Rewrite r : s.rewrites()) {
      Map<String, Object> rewrite = new LinkedHashMap<>();
      rewrite.put("relation", r.relation());
      rewrite.put("kind", r.kind());
      rewrite.put("rowsBefore", r.rowsBefore());
      rewrite.put("bytesAfter", r.bytesAfter());
      rewrites.add(rewrite);
    }
    locking.put("rewrites", rewrites);
    return locking;
  }

  /** The Markdown {@code Locks:} table of a step, or nothing. */
  static void markdown(StringBuilder md, StepResult s) {
    List<Locking.Lock> shown = shown(s);
    if (shown.isEmpty()) {
      return;
    }
    md.append("\nLocks (held until the migration commits, ")
        .append(s.duration().toMillis())
        .append(" ms here; lock_timeout ")
        .append(s.locking().lockTimeout().orElse("not set"))
        .append("):\n\n")
        .append("| relation | mode | blocks | rows before | rewritten |\n")
        .append("|---|---|---|---:|---|\n");
    for (Locking.Lock l : shown) {
      md.append("| ")
          .append(l.kind())
          .append(' ')
          .append(l.relation())
          .append(" | ")
          .append(l.mode())
          .append(" | ")
          .append(l.blocks())
          .append(" | ")
          .append(l.rowsBefore())
          .append(" | ")
          .append(
              rewrite(s, l.relation()).map(r -> "yes, " + r.bytesAfter() + " bytes").orElse("no"))
          .append(" |\n");
    }
  }

  /**
   * The console line under a step that blocked the application on a table that had rows: {@code
   * locks: public.orders ACCESS EXCLUSIVE (rewritten)}; empty otherwise.
   */
  static Optional<String> console(StepResult s) {
    List<String> parts = new ArrayList<>();
    for (Locking.Lock l : shown(s)) {
      if (l.kind().equals("index") || l.rowsBefore() == 0 || !l.mode().blocksWrites()) {
        continue;
      }
      parts.add(
          l.relation()
              + " "
              + l.mode()
              + (rewrite(s, l.relation()).isPresent() ? " (rewritten)" : "")
              + (l.mode().blocksReads() ? ": blocks reads and writes" : ": blocks writes"));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of("locks: " + String.join(", ", parts));
  }
}
