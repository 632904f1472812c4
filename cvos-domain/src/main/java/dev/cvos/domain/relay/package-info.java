/**
 * The relay: asking the other storing servers of the cluster for an object this server does not
 * have (GET, HEAD, DELETE), and the order in which they are asked.
 *
 * <p>{@link dev.cvos.domain.relay.PeerView} holds the registry's list of servers, {@link
 * dev.cvos.domain.relay.PeerRanking} orders the storing peers (healthy first, de-prioritized after
 * a failure for a cool-down, offline last), {@link dev.cvos.domain.relay.Relay} is the use case,
 * and {@link dev.cvos.domain.relay.PeerGateway} is the port to the transport, which answers every
 * call with a {@link dev.cvos.domain.relay.PeerAnswer}: found, not found, or unavailable. Not
 * found and unavailable are different answers all the way up: a relay says "not found" only when
 * every storing peer that could hold the object said so.
 */
package dev.cvos.domain.relay;
