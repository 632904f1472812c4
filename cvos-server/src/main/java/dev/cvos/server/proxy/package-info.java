/**
 * Forwarding: what a simple secondary does with every object request (send it to a storing server,
 * failing over), and the primary's placing of POSTs on other storing servers.
 */
package dev.cvos.server.proxy;
