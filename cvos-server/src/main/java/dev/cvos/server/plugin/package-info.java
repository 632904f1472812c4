/**
 * Store plugins: one class loader per plugin directory (modelled on Trino), the built-in providers,
 * and the class-loader-safe wrappers through which the server calls a plugin's code (every SPI
 * method overridden; a test checks it by reflection).
 */
package dev.cvos.server.plugin;
