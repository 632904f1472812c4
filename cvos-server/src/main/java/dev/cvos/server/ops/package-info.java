/**
 * The operations tools' work, behind {@code cli}: backups (format, writing, reading), restore,
 * migration of every storing server's objects to shared storage, and the role policy saying who
 * may run what.
 */
package dev.cvos.server.ops;
