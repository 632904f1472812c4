package dev.cvos.storage.spi;

/** A byte range holds no byte of the object. Carries the object's size for the reply. */
public class RangeNotSatisfiableException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final long size;

  public RangeNotSatisfiableException(long size) {
    super("range not satisfiable for an object of " + size + " bytes");
    this.size = size;
  }

  /** The object's size in bytes. */
  public long size() {
    return size;
  }
}
