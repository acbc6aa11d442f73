/**
 * How snapshots are read, ordered, compared and brought up to date: the table of catalog object
 * kinds ({@link io.github.cofferdam.catalog.internal.CatalogKinds}), the reader, the incremental
 * {@link io.github.cofferdam.catalog.internal.TrackedSnapshot}.
 *
 * <p>Not API: public only so that Cofferdam's own modules can use it. It changes without notice.
 */
package io.github.cofferdam.catalog.internal;
