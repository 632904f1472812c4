package dev.cvos.storage.spi;

/** Whether a write may replace an existing object. */
public enum WriteMode {
  /** Replace any existing object under the key. */
  OVERWRITE,
  /** Fail with {@link ObjectAlreadyExistsException} if a non-expired object exists. */
  CREATE_ONLY
}
