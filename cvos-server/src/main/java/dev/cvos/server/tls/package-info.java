/** The HTTPS key material: a configured PKCS12 key store, or a self-signed certificate kept on disk. */
package dev.cvos.server.tls;
