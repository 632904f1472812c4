/** Logging set-up: java.util.logging (Jersey, HK2) bridged to SLF4J. */
package dev.cvos.server.logging;
