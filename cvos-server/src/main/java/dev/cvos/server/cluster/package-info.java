/**
 * This server in the cluster: its registration and heartbeat in the registry, and {@code GET
 * /v1/cluster}, the cluster as this server sees it. Talking to the peers is in {@code peer}.
 */
package dev.cvos.server.cluster;
