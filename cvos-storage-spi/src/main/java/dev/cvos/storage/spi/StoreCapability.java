package dev.cvos.storage.spi;

/** Features a store may lack. A store declares what it has in {@link ObjectStore#capabilities()}. */
public enum StoreCapability {
  /** {@link WriteMode#CREATE_ONLY} writes that fail when the key exists. */
  CREATE_ONLY,
  /** Reads of a byte range rather than the whole object. */
  RANGE_READ,
  /** Objects with an expiry time. */
  EXPIRY
}
