/**
 * Fluent AssertJ assertions over snapshots, diffs and live data; entry point {@link
 * io.github.cofferdam.assertj.CofferdamAssertions}.
 */
package io.github.cofferdam.assertj;
