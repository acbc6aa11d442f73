/** The safety walk: each migration photographed, applied twice, and judged by the rules. */
package io.github.cofferdam.junit.internal.safety;
