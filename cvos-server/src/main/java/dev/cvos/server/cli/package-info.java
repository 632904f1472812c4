/**
 * The operator's command line {@code cvos} (picocli): backup, restore, migration to shared storage,
 * wait-ready; its exit codes and usage errors. The work itself is done by {@code ops}.
 */
package dev.cvos.server.cli;
