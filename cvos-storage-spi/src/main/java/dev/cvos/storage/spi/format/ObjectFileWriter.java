package dev.cvos.storage.spi.format;

import dev.cvos.storage.spi.ChecksumMismatchException;
import dev.cvos.storage.spi.ContentLengthMismatchException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Streams an object into a new, empty file in {@link ObjectFileFormat}: provisional header, body
 * (hashed and counted as it passes), then the final header written in place at offset 0.
 *
 * <p>It neither forces the file to disk nor moves it into place: the store does both once this
 * returns, and removes the file when this throws. A store over a backend without {@link
 * SeekableByteChannel} (an SMB client's random-access file, say) adapts it to one.
 */
public final class ObjectFileWriter {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Clock clock;

  /** A writer that stamps objects with {@code clock}'s time when their body is complete. */
  public ObjectFileWriter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Writes {@code request}'s object into {@code file}, reading {@code body} to its end.
   *
   * @param file an empty file, open for writing, positioned at 0
   * @return the object's metadata, as its final header holds it
   * @throws ContentLengthMismatchException if the request declares a length the body does not have
   * @throws ChecksumMismatchException if the body does not hash to the request's expected SHA-256
   * @throws dev.cvos.storage.spi.InvalidNameException if the bucket or key is invalid
   * @throws IOException if reading the body or writing the file fails
   */
  public ObjectMetadata write(WriteRequest request, InputStream body, SeekableByteChannel file)
      throws IOException {
    ObjectNames.check(request.bucket(), request.key());
    ByteBuffer provisional = ObjectFileFormat.encodeProvisionalHeader(
        request.bucket(), request.key(), request.contentType(), request.expires());
    int headerLength = provisional.remaining();
    writeFully(file, provisional);

    MessageDigest digest = ObjectFileLayout.sha256();
    long declared = request.contentLength();
    long size = 0;
    byte[] buffer = new byte[BUFFER_SIZE];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    // Fill the whole buffer before each write: a network body arrives in pieces of a few KiB,
    // and a write (and a copy into the JDK's direct buffer) per piece costs more than the bytes.
    for (int n = body.readNBytes(buffer, 0, BUFFER_SIZE); n > 0; n = body.readNBytes(buffer, 0, BUFFER_SIZE)) {
      size += n;
      if (declared != WriteRequest.UNKNOWN_LENGTH && size > declared) {
        throw new ContentLengthMismatchException(
            "body is longer than the declared " + declared + " bytes");
      }
      digest.update(buffer, 0, n);
      wrapped.clear().limit(n);
      writeFully(file, wrapped);
    }
    if (declared != WriteRequest.UNKNOWN_LENGTH && size != declared) {
      throw new ContentLengthMismatchException(
          "body has " + size + " bytes, not the declared " + declared);
    }
    String sha256 = HexFormat.of().formatHex(digest.digest());
    if (request.expectedSha256() != null && !request.expectedSha256().equals(sha256)) {
      throw new ChecksumMismatchException(
          "body hashes to " + sha256 + ", not the expected " + request.expectedSha256());
    }
    ObjectMetadata metadata = new ObjectMetadata(
        request.bucket(), request.key(), size, sha256, request.contentType(), clock.instant(),
        request.expires());
    ByteBuffer header = ObjectFileFormat.encodeHeader(metadata);
    if (header.remaining() != headerLength) {
      throw new IllegalStateException("final header length differs from the provisional one");
    }
    file.position(0);
    writeFully(file, header);
    return metadata;
  }

  private static void writeFully(SeekableByteChannel file, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      file.write(buffer);
    }
  }
}
