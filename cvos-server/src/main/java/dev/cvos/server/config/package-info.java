/**
 * The typed configuration, one record per concern ({@code http.*}, {@code peer.*}, …), each key
 * with a kebab-case name, a default and a description; read from {@code conf/cvos.yaml} with
 * environment overrides ({@link dev.cvos.server.config.ConfigValues}). The shipped {@code
 * conf/cvos.yaml} documents every key with its default (a test keeps them equal).
 */
package dev.cvos.server.config;
