package io.github.cofferdam.catalog;

/**
 * Reading the catalog failed; the message names the object kind and PostgreSQL's error.
 *
 * @since 0.1.0
 */
public final class SnapshotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure to read, with its cause. */
  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
