/**
 * The server as a whole: {@link dev.cvos.server.CvosServer} (its {@code main} and the list of
 * Guice modules, one per feature), {@link dev.cvos.server.CvosConfig} (every typed configuration,
 * read and validated together) and what every part uses (the clock, the server's identity, the
 * version). Each sub-package is one feature or one piece of plumbing; see {@code
 * docs/architecture.md}, section "cvos-server, package by package".
 */
package dev.cvos.server;
