/** Flyway orchestration: the migrations applied one at a time, and failures explained. */
package io.github.cofferdam.junit.internal.flyway;
