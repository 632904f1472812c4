/**
 * HTTP plumbing, no feature: Jetty (HTTPS and optional plain HTTP, graceful stop), the Jersey
 * application, API-key checks ({@link dev.cvos.server.http.ApiKeys}), the one mapping of failures
 * to error answers ({@link dev.cvos.server.http.ErrorMapper}, {@link
 * dev.cvos.server.http.JsonErrorHandler}, {@link dev.cvos.server.http.BareErrorFilter}), the access
 * log and the request guards. A feature adds its resources and front handlers through {@link
 * dev.cvos.server.http.HttpBindings}; this package never names a feature package.
 */
package dev.cvos.server.http;
