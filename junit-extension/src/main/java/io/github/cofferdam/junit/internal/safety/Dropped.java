package io.github.cofferdam.junit.internal.safety;

/**
 * An object dropped while a migration ran, as {@code pg_event_trigger_dropped_objects()} saw it.
 *
 * @param type the object type ({@code table}, {@code trigger}, {@code table column}, ...)
 * @param identity the object identity ({@code public.orders}, {@code t on public.orders})
 * @param original whether a statement named it (or it was taken along)
 * @param normal whether it was reached through a normal dependency ({@code CASCADE}), as opposed to
 *     an automatic or internal one (the index of a dropped constraint, the column's default)
 * @param oid its OID (for a relation, function or type: to read it again, or forget it)
 * @param rowsRead for a table: how many rows the transaction read from it before it went (a
 *     migration that moves rows elsewhere reads them all); {@code null} for other objects
 */
record Dropped(
    String type, String identity, boolean original, boolean normal, long oid, Long rowsRead) {}
