/**
 * The object feature on the wire: {@code /v1/objects/{bucket}[/{key}]}. Reads (GET and HEAD of
 * an object, whatever the store) are answered in front of Jersey by the read handler; writes,
 * deletes and listings by the Jersey resource {@link dev.cvos.server.object.ObjectResource}. Both
 * call the domain's object use cases ({@code dev.cvos.domain.object.ClusterObjects}); the
 * request's parsers (names, {@code Range}, {@code If-None-Match}, write headers) and the object's
 * answer headers live here, once. Also the expiry sweep's wiring. See {@code
 * docs/architecture.md}, section "The read path".
 */
package dev.cvos.server.object;
