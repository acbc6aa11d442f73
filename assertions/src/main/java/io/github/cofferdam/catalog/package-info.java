/** Reading a PostgreSQL catalog into an immutable, deterministically ordered snapshot. */
package io.github.cofferdam.catalog;
