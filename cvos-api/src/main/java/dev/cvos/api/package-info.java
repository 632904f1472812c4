/**
 * The CVOS HTTP API v1 as Java types: paths, header names, the JSON records of the bodies, the
 * error codes with their statuses. Servers, peers, tests and the Java client ({@link
 * dev.cvos.api.client.CvosClient}) share these types so the wire contract lives in one place.
 */
package dev.cvos.api;
