/**
 * The peer transport: {@link dev.cvos.peer.HttpPeerGateway}, the domain's {@link
 * dev.cvos.domain.relay.PeerGateway} over HTTPS with Jetty's client, {@link
 * dev.cvos.peer.PeerForwarder}, which forwards a client's request to a storing server, and {@link
 * dev.cvos.peer.PeerTrust}, the mutual TLS both use: the certificates the servers registered,
 * reloaded in place.
 */
package dev.cvos.peer;
