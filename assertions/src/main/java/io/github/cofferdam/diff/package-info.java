/**
 * Differences between two snapshots: schema changes with stable paths, and data changes per table.
 */
package io.github.cofferdam.diff;
