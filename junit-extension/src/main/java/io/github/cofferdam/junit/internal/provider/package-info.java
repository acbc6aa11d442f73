/**
 * PostgreSQL servers for the walk: one small SPI and the embedded, container and external
 * providers.
 */
package io.github.cofferdam.junit.internal.provider;
