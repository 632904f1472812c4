/** Builds the configured store ({@code storage.provider}) from the loaded providers. */
package dev.cvos.server.storage;
