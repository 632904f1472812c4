package dev.cvos.domain.cluster;

/** Where a storing server keeps objects. */
public enum StorageMode {
  /** On its own disk: a miss is asked of the others. */
  LOCAL,
  /** On one network location that every storing server uses (an NFS path or an SMB share). */
  SHARED
}
