/**
 * The peer transport: {@link dev.cvos.peer.HttpPeerGateway}, the domain's {@link
 * dev.cvos.domain.relay.PeerGateway} over HTTPS with Jetty's client, and {@link
 * dev.cvos.peer.RegistryRefresher}, which re-reads the server registry on an interval.
 */
package dev.cvos.peer;
