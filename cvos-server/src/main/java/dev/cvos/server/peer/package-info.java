/**
 * The peers of a storing server: the registry view and ranking, the trusted peer transport and the
 * relay built on it, and the schedules that keep them current (registry re-read, missed deletions).
 */
package dev.cvos.server.peer;
