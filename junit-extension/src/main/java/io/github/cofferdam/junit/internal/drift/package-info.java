/** The drift check: a live database, read only, against what the migrations build. */
package io.github.cofferdam.junit.internal.drift;
