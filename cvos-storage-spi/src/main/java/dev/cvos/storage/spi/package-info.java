/**
 * The CVOS storage plugin contract.
 *
 * <p>A storage plugin gives CVOS a place to keep objects. It implements {@link
 * dev.cvos.storage.spi.ObjectStoreFactory} (found with {@link java.util.ServiceLoader}) which
 * builds an {@link dev.cvos.storage.spi.ObjectStore} from a string map of configuration.
 *
 * <p>Rules every store follows, and which the TCK ({@code ObjectStoreContractTest} in this
 * module's test-jar) checks:
 *
 * <ul>
 *   <li>Bodies stream: no method takes or returns a whole object as {@code byte[]}.
 *   <li>A write is all or nothing: until {@link dev.cvos.storage.spi.ObjectStore#put} returns, no
 *       reader sees the new object; after it returns, the object is durable. A failed or
 *       interrupted write leaves the previous object (or no object) in place.
 *   <li>Names are checked with {@link dev.cvos.storage.spi.ObjectNames}; no name reaches anything
 *       outside the store's root.
 *   <li>An object whose expiry has passed is invisible to get, stat and list at once, even before
 *       its bytes are reclaimed.
 * </ul>
 *
 * <p>This package depends on the JDK alone. It only grows by default methods, so a plugin built
 * against an older version keeps loading; see {@link dev.cvos.storage.spi.SpiVersion}.
 */
package dev.cvos.storage.spi;
