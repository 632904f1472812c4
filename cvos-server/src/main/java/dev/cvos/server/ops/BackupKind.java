package dev.cvos.server.ops;

/** What a backup holds. */
public enum BackupKind {
  /** Configuration, database content and objects: the primary's backup. */
  FULL,
  /** The objects of one storing server only ({@code cvos backup -o}): a redundant secondary's. */
  OBJECTS_ONLY
}
