/**
 * PostgreSQL: the embedded or configured database, Flyway migrations, and the jOOQ adapters of the
 * domain's ports (registry, certificates, deletion log). Generated jOOQ classes never leave this
 * package.
 */
package dev.cvos.server.persistence;
