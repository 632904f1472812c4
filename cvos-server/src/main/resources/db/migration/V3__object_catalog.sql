-- The object catalog: one truth per key across the cluster (docs/architecture.md, "The object
-- catalog"). Bytes stay in the stores; a row says which version of a key is current and which
-- stores hold it. Kept to DDL that both PostgreSQL and H2 (jOOQ's DDLDatabase) parse. Keys are
-- compared with the "C" collation, so an index walk gives UTF-8 byte order whatever the database's
-- default collation is (listing order is the byte order of the keys).

-- Versions of keys: drawn from the database, never from a server's clock. Every write and every
-- deletion of a key takes a new one, so a later change of a key always has a greater version.
CREATE SEQUENCE object_version_seq START WITH 1 INCREMENT BY 1;

-- One row per live key.
CREATE TABLE catalog_entry (
  bucket        VARCHAR(63)              NOT NULL,
  object_key    VARCHAR(1024) COLLATE "C" NOT NULL,
  version       BIGINT                   NOT NULL,
  size          BIGINT                   NOT NULL,
  sha256        CHAR(64)                 NOT NULL,
  content_type  VARCHAR(4096)            NOT NULL,
  created       TIMESTAMP WITH TIME ZONE NOT NULL,
  expires       TIMESTAMP WITH TIME ZONE,
  CONSTRAINT pk_catalog_entry PRIMARY KEY (bucket, object_key),
  CONSTRAINT ck_catalog_entry_size CHECK (size >= 0)
);

-- The expiry sweep finds the expired rows through this index: O(expired), not O(objects).
CREATE INDEX ix_catalog_entry_expires ON catalog_entry (expires);

-- Which stores hold the current version of a key: a server id (local storage), or "shared" (the
-- shared location every storing server of a shared-storage cluster reads).
CREATE TABLE catalog_holder (
  bucket      VARCHAR(63)               NOT NULL,
  object_key  VARCHAR(1024) COLLATE "C" NOT NULL,
  holder      VARCHAR(128)              NOT NULL,
  CONSTRAINT pk_catalog_holder PRIMARY KEY (bucket, object_key, holder),
  CONSTRAINT fk_catalog_holder_entry FOREIGN KEY (bucket, object_key)
    REFERENCES catalog_entry (bucket, object_key) ON DELETE CASCADE
);

-- A holder's objects (decommission, reconcile): an index walk per holder.
CREATE INDEX ix_catalog_holder_holder ON catalog_holder (holder, bucket, object_key);

-- Every change that removes copies (a deletion, or an overwrite that supersedes the copies of older
-- versions) is recorded in deletion_log with the version it took; a server applies a record by
-- asking the catalog whether it still holds the key's current version, never by comparing clocks.
ALTER TABLE deletion_log ADD COLUMN version BIGINT;
