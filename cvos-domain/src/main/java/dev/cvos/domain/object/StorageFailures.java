package dev.cvos.domain.object;

import dev.cvos.storage.spi.ChecksumMismatchException;
import dev.cvos.storage.spi.ContentLengthMismatchException;
import dev.cvos.storage.spi.InsufficientStorageException;
import dev.cvos.storage.spi.InvalidNameException;
import dev.cvos.storage.spi.ObjectAlreadyExistsException;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.RangeNotSatisfiableException;
import java.io.IOException;

/** Turns what a store throws into the domain's failures, in one place. */
final class StorageFailures {
  private StorageFailures() {}

  static ObjectOperationException notFound(String bucket, String key) {
    return new ObjectOperationException(ObjectErrorCode.NOT_FOUND, "no object " + key + " in bucket " + bucket);
  }

  static ObjectOperationException translate(IOException e, String bucket, String key) {
    // A store may wrap what the body stream threw (the size limit, a client gone) in its own exception.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ObjectTooLargeException tooLarge) {
        return new ObjectOperationException(ObjectErrorCode.TOO_LARGE, tooLarge.getMessage(), e);
      }
      if (t instanceof BodyReadException bodyRead) {
        return new ObjectOperationException(ObjectErrorCode.INVALID_REQUEST,
            "the request body could not be read to its end; nothing was stored (" + bodyRead.getMessage() + ")", e);
      }
    }
    if (e instanceof RangeNotSatisfiableException range) {
      return ObjectOperationException.rangeNotSatisfiable(range.size());
    }
    if (e instanceof ObjectNotFoundException) {
      return notFound(bucket, key);
    }
    if (e instanceof InvalidNameException) {
      return new ObjectOperationException(ObjectErrorCode.INVALID_NAME, e.getMessage(), e);
    }
    if (e instanceof ChecksumMismatchException) {
      return new ObjectOperationException(ObjectErrorCode.CHECKSUM_MISMATCH,
          "the body does not hash to the SHA-256 sent; nothing was stored (" + e.getMessage() + ")", e);
    }
    if (e instanceof ContentLengthMismatchException) {
      return new ObjectOperationException(ObjectErrorCode.LENGTH_MISMATCH,
          "the body does not have its declared length; nothing was stored (" + e.getMessage() + ")", e);
    }
    if (e instanceof ObjectAlreadyExistsException) {
      return new ObjectOperationException(ObjectErrorCode.ALREADY_EXISTS,
          "an object " + key + " exists in bucket " + bucket, e);
    }
    if (e instanceof InsufficientStorageException) {
      return new ObjectOperationException(ObjectErrorCode.INSUFFICIENT_STORAGE,
          "the storage has no room for the object; nothing was stored", e);
    }
    // The store's own message names its files or share (paths, URLs): it stays in the cause, for
    // the operator's log, and out of the message a client is answered with.
    return new ObjectOperationException(ObjectErrorCode.UNAVAILABLE,
        "the storage failed; the server's log has the details", e);
  }
}
