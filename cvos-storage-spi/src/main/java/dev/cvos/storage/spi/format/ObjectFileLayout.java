package dev.cvos.storage.spi.format;

import dev.cvos.storage.spi.InvalidNameException;
import dev.cvos.storage.spi.ObjectNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where objects and temporary files live in a store's folder.
 *
 * <p>An object {@code (bucket, key)} is the file {@code <bucket>/<aa>/<bb>/<h>.cvos} where {@code
 * h} is the SHA-256 of the key's UTF-8 bytes in lower-case hex and {@code aa}, {@code bb} are its
 * first two pairs of digits. The key itself never becomes a path: a key of 1024 bytes, or one
 * holding {@code ../}, a full-width solidus or anything else a file system minds, maps to 64 hex
 * digits, so no key can name a file outside its bucket's directory. The two fan-out levels spread
 * millions of objects over 65536 directories. The key is kept in the file's header (see {@link
 * ObjectFileFormat}), which is how listings learn it.
 *
 * <p>Bucket names are already safe file names on POSIX; the few that Windows (and so an SMB share
 * served by Windows) would refuse or alter &mdash; a device name such as {@code con} or {@code
 * nul}, or a name ending in {@code .} &mdash; are escaped with {@code %XX}, a character no bucket
 * name holds.
 *
 * <p>A temporary file is named {@code .cvos-tmp.<server>.<random>}: it starts with {@link
 * #TEMPORARY_PREFIX}, names the server that writes it (escaped, see {@link
 * #temporaryFileName(String)}), and has 16 random hex digits. It lives in the directory of the
 * object it becomes. At start a store removes its own server's temporary files at once and
 * other servers' ones only once they are old: on a shared folder, another server may be writing
 * one right now.
 */
public final class ObjectFileLayout {
  /** The suffix of every object file. */
  public static final String OBJECT_SUFFIX = ".cvos";

  /** How every temporary file name starts. */
  public static final String TEMPORARY_PREFIX = ".cvos-tmp.";

  private static final int HASH_HEX_LENGTH = 64;
  private static final int MAX_ENCODED_SERVER_ID = 80;
  private static final Set<String> WINDOWS_DEVICE_NAMES =
      Set.of("con", "prn", "aux", "nul", "conin$", "conout$");

  private ObjectFileLayout() {}

  /**
   * The file of an object, relative to the store's root.
   *
   * @throws InvalidNameException if the bucket or key breaks {@link ObjectNames}' rules
   */
  public static ObjectFilePath pathOf(String bucket, String key) throws InvalidNameException {
    ObjectNames.check(bucket, key);
    String hash = HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
    return new ObjectFilePath(
        bucketDirectoryName(bucket), hash.substring(0, 2), hash.substring(2, 4), hash + OBJECT_SUFFIX);
  }

  /**
   * The directory name of a bucket: the bucket name, with its first character escaped when it is
   * a Windows device name ({@code con}, {@code nul}, {@code com1}, ... with or without an
   * extension) and its last character escaped when it is a {@code .}.
   *
   * @throws InvalidNameException if the bucket name is invalid
   */
  public static String bucketDirectoryName(String bucket) throws InvalidNameException {
    ObjectNames.checkBucket(bucket);
    String name = bucket;
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1) + "%2E";
    }
    if (isWindowsDeviceName(bucket)) {
      name = String.format(Locale.ROOT, "%%%02X", (int) name.charAt(0)) + name.substring(1);
    }
    return name;
  }

  /**
   * The bucket whose directory has this name, or empty if the name is not one this layout makes
   * (a temporary file, {@code lost+found}, anything else found in the folder).
   */
  public static Optional<String> bucketOfDirectoryName(String directoryName) {
    StringBuilder bucket = new StringBuilder(directoryName.length());
    for (int i = 0; i < directoryName.length(); i++) {
      char c = directoryName.charAt(i);
      if (c == '%') {
        if (i + 2 >= directoryName.length()) {
          return Optional.empty();
        }
        int decoded = hexValue(directoryName.charAt(i + 1)) * 16 + hexValue(directoryName.charAt(i + 2));
        if (decoded < 0) {
          return Optional.empty();
        }
        bucket.append((char) decoded);
        i += 2;
      } else {
        bucket.append(c);
      }
    }
    String candidate = bucket.toString();
    try {
      return bucketDirectoryName(candidate).equals(directoryName) ? Optional.of(candidate) : Optional.empty();
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  /** Whether a file name is an object file name of this layout ({@code <64 hex>.cvos}). */
  public static boolean isObjectFileName(String fileName) {
    if (fileName.length() != HASH_HEX_LENGTH + OBJECT_SUFFIX.length() || !fileName.endsWith(OBJECT_SUFFIX)) {
      return false;
    }
    for (int i = 0; i < HASH_HEX_LENGTH; i++) {
      char c = fileName.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** A new temporary file name for a server, unique with overwhelming probability. */
  public static String temporaryFileName(String serverId) {
    return TEMPORARY_PREFIX
        + encodeServerId(serverId)
        + "."
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** Whether a file name is a temporary file name of this layout, whichever server made it. */
  public static boolean isTemporaryFileName(String fileName) {
    return fileName.startsWith(TEMPORARY_PREFIX);
  }

  /** Whether a file name is a temporary file name made by {@code serverId}. */
  public static boolean isTemporaryFileOf(String fileName, String serverId) {
    return fileName.startsWith(TEMPORARY_PREFIX + encodeServerId(serverId) + ".");
  }

  /**
   * A server id as it appears in temporary file names: {@code [a-z0-9_-]} as they are, every other
   * byte of its UTF-8 (upper-case letters too, so case-insensitive shares keep ids apart) as {@code
   * ~XX}; an id whose escaped form is long becomes {@code ~H} and 40 hex digits of its SHA-256.
   */
  public static String encodeServerId(String serverId) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : serverId.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        encoded.append(c);
      } else {
        encoded.append(String.format(Locale.ROOT, "~%02X", b & 0xff));
      }
    }
    if (encoded.length() > MAX_ENCODED_SERVER_ID || encoded.length() == 0) {
      String hash = HexFormat.of().formatHex(sha256().digest(serverId.getBytes(StandardCharsets.UTF_8)));
      return "~H" + hash.substring(0, 40);
    }
    return encoded.toString();
  }

  private static boolean isWindowsDeviceName(String bucket) {
    int dot = bucket.indexOf('.');
    String base = dot < 0 ? bucket : bucket.substring(0, dot);
    if (WINDOWS_DEVICE_NAMES.contains(base)) {
      return true;
    }
    return base.length() == 4
        && (base.startsWith("com") || base.startsWith("lpt"))
        && Character.isDigit(base.charAt(3));
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1000;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
