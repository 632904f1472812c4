/**
 * Metrics: the Prometheus registry, {@code GET /metrics}, the request timer every answer is
 * recorded in, and the inventory gauges of what this server stores.
 */
package dev.cvos.server.metrics;
