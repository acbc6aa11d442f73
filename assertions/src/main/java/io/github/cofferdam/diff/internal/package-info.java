/**
 * How the walk diffs one step after another ({@link
 * io.github.cofferdam.diff.internal.StepDataDiff}).
 *
 * <p>Not API: public only so that Cofferdam's own modules can use it. It changes without notice.
 */
package io.github.cofferdam.diff.internal;
