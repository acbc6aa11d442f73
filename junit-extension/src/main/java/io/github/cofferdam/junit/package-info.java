/** The JUnit Jupiter entry points: {@code @MigrationTest} and the results tests receive. */
package io.github.cofferdam.junit;
