package dev.cvos.domain.catalog;

/**
 * The catalog's inventory.
 *
 * @param objects how many keys have an entry
 * @param bytes their total size
 */
public record CatalogTotals(long objects, long bytes) {}
