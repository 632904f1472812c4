/**
 * The CVOS HTTP API v1 as Java types: paths, header names, the JSON records of the bodies, the
 * error codes with their statuses, and {@link dev.cvos.api.CvosClient}, a small client on {@code
 * java.net.http}. Servers, peers and tests share these types so the wire contract lives in one
 * place.
 */
package dev.cvos.api;
