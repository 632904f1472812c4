package dev.cvos.api.client;

import dev.cvos.api.ObjectInfo;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * An object being read: what the server told about it, and its body as a stream straight from the
 * connection. Close it (try-with-resources) when done, read to the end or not; until then it holds
 * a connection.
 */
public final class CvosObject implements Closeable {
  private final ObjectInfo info;
  private final long offset;
  private final long length;
  private final String serverId;
  private final String sourceId;
  private final InputStream body;

  CvosObject(ObjectInfo info, long offset, long length, String serverId, String sourceId, InputStream body) {
    this.info = Objects.requireNonNull(info, "info");
    this.offset = offset;
    this.length = length;
    this.serverId = serverId;
    this.sourceId = sourceId;
    this.body = Objects.requireNonNull(body, "body");
  }

  /** The object: its size (the whole object's, also for a range), SHA-256, type, creation, expiry. */
  public ObjectInfo info() {
    return info;
  }

  /** The body: the whole object, or the requested range of it. */
  public InputStream body() {
    return body;
  }

  /** The offset of the body's first byte in the object (0 unless a range was asked for). */
  public long offset() {
    return offset;
  }

  /** The number of bytes in the body. */
  public long length() {
    return length;
  }

  /** Whether the body is a part of the object (a {@code 206} answer to a range). */
  public boolean isPartial() {
    return length != info.size();
  }

  /** The id of the server that answered. */
  public String serverId() {
    return serverId;
  }

  /** The id of the server that had the object, when the answering one relayed it. */
  public Optional<String> sourceId() {
    return Optional.ofNullable(sourceId);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
