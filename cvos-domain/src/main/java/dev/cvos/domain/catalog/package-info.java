/**
 * The object catalog: the cluster's one truth per key (docs/architecture.md, "The object catalog").
 * A port ({@link dev.cvos.domain.catalog.ObjectCatalog}) and its values; the database adapter lives
 * in the server's persistence package.
 */
package dev.cvos.domain.catalog;
