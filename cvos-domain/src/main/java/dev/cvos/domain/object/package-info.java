/**
 * The object use cases: a storing server's own ({@link dev.cvos.domain.object.ObjectService}) and
 * the cluster's ({@link dev.cvos.domain.object.ClusterObjects}: local storage first, then the
 * relay), their typed failures ({@link dev.cvos.domain.object.ObjectErrorCode}), key generation
 * and the expiry sweep. No framework.
 */
package dev.cvos.domain.object;
