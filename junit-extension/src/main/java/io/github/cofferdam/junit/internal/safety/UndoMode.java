package io.github.cofferdam.junit.internal.safety;

import java.util.Locale;

/** Whether the walk runs undo round trips (key {@code cofferdam.undo}). */
public enum UndoMode {
  /** Where a migration has an undo script. */
  AUTO,
  /** Where a migration has an undo script; a walk without any undo script is a setup error. */
  ON,
  /** Never. */
  OFF;

  /** The key's value: {@code auto}, {@code on}, {@code off}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
