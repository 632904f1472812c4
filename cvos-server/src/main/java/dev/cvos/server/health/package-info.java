/** {@code /health/live} and {@code /health/ready}: whether this server runs, and whether it can serve. */
package dev.cvos.server.health;
