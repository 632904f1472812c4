/** {@code GET /openapi.json} and {@code /openapi.yaml}: the API description shipped in cvos-api. */
package dev.cvos.server.openapi;
