/**
 * The cluster in the domain: servers, roles and storage modes, and the ports for what the cluster
 * shares in its database (the registry, published certificates, the deletion log).
 */
package dev.cvos.domain.cluster;
