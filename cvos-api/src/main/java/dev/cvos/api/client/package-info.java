/**
 * The Java client of a CVOS cluster: {@link dev.cvos.api.client.CvosClient}, built with {@link
 * dev.cvos.api.client.CvosClientBuilder}; bodies to send ({@link dev.cvos.api.client.ObjectBody}),
 * objects being read ({@link dev.cvos.api.client.CvosObject}), and one exception per error status
 * of the contract, each a {@link dev.cvos.api.CvosApiException}. It needs the JDK's HTTP client
 * and Jackson, nothing of the server.
 */
package dev.cvos.api.client;
