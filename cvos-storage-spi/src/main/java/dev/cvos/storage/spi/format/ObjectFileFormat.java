package dev.cvos.storage.spi.format;

import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The object file: a header holding the object's metadata, then the body's bytes.
 *
 * <p>Version 1 of the header, big-endian:
 *
 * <pre>
 * offset size  field
 *      0    8  magic: "CVOSOBJ" and 0x1A
 *      8    2  format version (1)
 *     10    2  flags (0)
 *     12    4  header length H, including this field and the checksum; the body starts at H
 *     16    8  body size in bytes; -1 while the body is being written
 *     24   32  SHA-256 of the body (zeros while it is being written)
 *     56    8  created, seconds since the epoch
 *     64    4  created, nanoseconds
 *     68    1  1 if the object expires, else 0
 *     69    8  expires, seconds since the epoch (0 when it does not expire)
 *     77    4  expires, nanoseconds
 *     81    2  n, then n bytes: the bucket, UTF-8
 *      .    2  n, then n bytes: the key, UTF-8
 *      .    2  n, then n bytes: the content type, UTF-8
 *    H-4    4  CRC-32C of bytes 0 to H-5
 * </pre>
 *
 * <p>The size, digest and creation time sit at fixed offsets and are known only when the body has
 * been streamed, so a writer first writes a provisional header (size -1), then the body, then the
 * final header over the first one in place (the variable part does not change length) and only
 * then forces the file to disk. A reader refuses a provisional header, a header whose checksum
 * does not match, and a file of another format with {@link CorruptObjectFileException}.
 */
public final class ObjectFileFormat {
  /** The current format version, the one this class writes. */
  public static final int VERSION = 1;

  /** The largest content type, in bytes of UTF-8, a header holds. */
  public static final int MAX_CONTENT_TYPE_BYTES = 4096;

  private static final byte[] MAGIC = {'C', 'V', 'O', 'S', 'O', 'B', 'J', 0x1A};
  private static final int PREFIX_LENGTH = 16;
  private static final int FIXED_LENGTH = 81;
  private static final int CHECKSUM_LENGTH = 4;
  private static final int MAX_HEADER_LENGTH =
      FIXED_LENGTH + 6 + ObjectNames.MAX_BUCKET_LENGTH + ObjectNames.MAX_KEY_BYTES
          + MAX_CONTENT_TYPE_BYTES + CHECKSUM_LENGTH;
  private static final long PROVISIONAL_SIZE = -1;

  private ObjectFileFormat() {}

  /** The final header of an object. */
  public static ByteBuffer encodeHeader(ObjectMetadata metadata) {
    return encode(
        metadata.bucket(), metadata.key(), metadata.contentType(), metadata.size(),
        HexFormat.of().parseHex(metadata.sha256()), metadata.created(), metadata.expires());
  }

  /**
   * The header written before the body: the same length as the final header of an object with
   * these names and content type, marked as incomplete.
   */
  public static ByteBuffer encodeProvisionalHeader(
      String bucket, String key, String contentType, Instant expires) {
    return encode(bucket, key, contentType, PROVISIONAL_SIZE, new byte[32], Instant.EPOCH, expires);
  }

  private static ByteBuffer encode(
      String bucket, String key, String contentType, long size, byte[] sha256, Instant created,
      Instant expires) {
    byte[] bucketBytes = bucket.getBytes(StandardCharsets.UTF_8);
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    byte[] typeBytes = contentType.getBytes(StandardCharsets.UTF_8);
    if (typeBytes.length > MAX_CONTENT_TYPE_BYTES) {
      throw new IllegalArgumentException(
          "content type is longer than " + MAX_CONTENT_TYPE_BYTES + " bytes");
    }
    int length = FIXED_LENGTH + 6 + bucketBytes.length + keyBytes.length + typeBytes.length + CHECKSUM_LENGTH;
    ByteBuffer header = ByteBuffer.allocate(length);
    header.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(length);
    header.putLong(size).put(sha256);
    header.putLong(created.getEpochSecond()).putInt(created.getNano());
    header.put((byte) (expires == null ? 0 : 1));
    header.putLong(expires == null ? 0 : expires.getEpochSecond()).putInt(expires == null ? 0 : expires.getNano());
    putBytes(header, bucketBytes);
    putBytes(header, keyBytes);
    putBytes(header, typeBytes);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, length - CHECKSUM_LENGTH);
    header.putInt((int) crc.getValue());
    return header.flip();
  }

  private static void putBytes(ByteBuffer buffer, byte[] bytes) {
    buffer.putShort((short) bytes.length).put(bytes);
  }

  /**
   * Reads a header from a channel positioned at the start of an object file, leaving it
   * positioned at the first byte of the body.
   *
   * @throws CorruptObjectFileException if the file is not a complete object file of a known format
   */
  public static ObjectFileHeader readHeader(ReadableByteChannel channel) throws IOException {
    ByteBuffer prefix = ByteBuffer.allocate(PREFIX_LENGTH);
    readFully(channel, prefix);
    int length = checkPrefix(prefix.flip());
    ByteBuffer header = ByteBuffer.allocate(length);
    header.put(prefix.rewind());
    readFully(channel, header);
    return decode(header.flip());
  }

  /**
   * Reads a header from a stream at the start of an object file, leaving it at the first byte of
   * the body (it reads no further).
   *
   * @throws CorruptObjectFileException if the file is not a complete object file of a known format
   */
  public static ObjectFileHeader readHeader(InputStream in) throws IOException {
    byte[] prefix = in.readNBytes(PREFIX_LENGTH);
    if (prefix.length < PREFIX_LENGTH) {
      throw new CorruptObjectFileException("file is too short to be an object file");
    }
    int length = checkPrefix(ByteBuffer.wrap(prefix));
    byte[] header = new byte[length];
    System.arraycopy(prefix, 0, header, 0, PREFIX_LENGTH);
    if (in.readNBytes(header, PREFIX_LENGTH, length - PREFIX_LENGTH) < length - PREFIX_LENGTH) {
      throw new CorruptObjectFileException("object file ends inside its header");
    }
    return decode(ByteBuffer.wrap(header));
  }

  private static void readFully(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new CorruptObjectFileException(
            buffer.position() == 0 ? "file is empty" : "object file ends inside its header",
            new EOFException());
      }
    }
  }

  private static int checkPrefix(ByteBuffer prefix) throws CorruptObjectFileException {
    for (byte b : MAGIC) {
      if (prefix.get() != b) {
        throw new CorruptObjectFileException("not an object file (wrong magic number)");
      }
    }
    int version = Short.toUnsignedInt(prefix.getShort());
    if (version != VERSION) {
      throw new CorruptObjectFileException(
          "object file format version " + version + " is not one this server reads (" + VERSION + ")");
    }
    prefix.getShort();
    int length = prefix.getInt();
    if (length < FIXED_LENGTH + 6 + CHECKSUM_LENGTH || length > MAX_HEADER_LENGTH) {
      throw new CorruptObjectFileException("object file header length " + length + " is out of range");
    }
    return length;
  }

  private static ObjectFileHeader decode(ByteBuffer header) throws CorruptObjectFileException {
    int length = header.limit();
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, length - CHECKSUM_LENGTH);
    if (header.getInt(length - CHECKSUM_LENGTH) != (int) crc.getValue()) {
      throw new CorruptObjectFileException("object file header checksum does not match");
    }
    try {
      header.position(PREFIX_LENGTH);
      long size = header.getLong();
      if (size == PROVISIONAL_SIZE) {
        throw new CorruptObjectFileException("object file is incomplete (its body was never finished)");
      }
      byte[] sha256 = new byte[32];
      header.get(sha256);
      Instant created = Instant.ofEpochSecond(header.getLong(), header.getInt());
      boolean expiring = header.get() == 1;
      Instant expires = Instant.ofEpochSecond(header.getLong(), header.getInt());
      String bucket = getString(header);
      String key = getString(header);
      String contentType = getString(header);
      if (header.position() != length - CHECKSUM_LENGTH) {
        throw new CorruptObjectFileException("object file header fields do not fill its length");
      }
      ObjectNames.check(bucket, key);
      ObjectMetadata metadata = new ObjectMetadata(
          bucket, key, size, HexFormat.of().formatHex(sha256), contentType, created,
          expiring ? expires : null);
      return new ObjectFileHeader(metadata, length);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
        | DateTimeException
        | dev.cvos.storage.spi.InvalidNameException e) {
      throw new CorruptObjectFileException("object file header is malformed: " + e.getMessage(), e);
    }
  }

  private static String getString(ByteBuffer header) throws CorruptObjectFileException {
    int n = Short.toUnsignedInt(header.getShort());
    ByteBuffer bytes = header.slice(header.position(), n);
    header.position(header.position() + n);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptObjectFileException("object file header holds invalid UTF-8", e);
    }
  }
}
