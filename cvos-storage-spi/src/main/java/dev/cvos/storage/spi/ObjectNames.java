package dev.cvos.storage.spi;

import java.nio.charset.StandardCharsets;

/**
 * The naming rules of the CVOS API, which every store applies before it touches its backend.
 *
 * <ul>
 *   <li>A bucket is 1 to 63 characters of {@code [a-z0-9._-]} starting with a letter or digit.
 *   <li>A key is 1 to 1024 bytes of UTF-8 and may contain {@code /}. It has no empty segment
 *       (so no leading, trailing or doubled {@code /}), no {@code .} or {@code ..} segment, no
 *       control character (C0, DEL, C1), no backslash, and no unpaired surrogate.
 * </ul>
 *
 * <p>A name that passes can still hold characters that mean something to a file system (such as
 * {@code :} or a full-width solidus); a store maps names to its backend so that no name reaches
 * anything outside its root.
 */
public final class ObjectNames {
  /** The longest bucket name, in characters. */
  public static final int MAX_BUCKET_LENGTH = 63;

  /** The longest key, in bytes of UTF-8. */
  public static final int MAX_KEY_BYTES = 1024;

  private ObjectNames() {}

  /**
   * Checks a bucket name.
   *
   * @throws InvalidNameException with the rule broken
   */
  public static void checkBucket(String bucket) throws InvalidNameException {
    if (bucket == null || bucket.isEmpty()) {
      throw new InvalidNameException("bucket name is empty");
    }
    if (bucket.length() > MAX_BUCKET_LENGTH) {
      throw new InvalidNameException("bucket name is longer than " + MAX_BUCKET_LENGTH + " characters");
    }
    for (int i = 0; i < bucket.length(); i++) {
      char c = bucket.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (i == 0 && !alnum) {
        throw new InvalidNameException("bucket name must start with a lower-case letter or digit");
      }
      if (!alnum && c != '.' && c != '_' && c != '-') {
        throw new InvalidNameException("bucket name may hold only a-z, 0-9, '.', '_' and '-'");
      }
    }
  }

  /**
   * Checks a key.
   *
   * @throws InvalidNameException with the rule broken
   */
  public static void checkKey(String key) throws InvalidNameException {
    if (key == null || key.isEmpty()) {
      throw new InvalidNameException("key is empty");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        throw new InvalidNameException("key holds a control character at index " + i);
      }
      if (c == '\\') {
        throw new InvalidNameException("key holds a backslash");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
          throw new InvalidNameException("key is not valid Unicode (unpaired surrogate)");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new InvalidNameException("key is not valid Unicode (unpaired surrogate)");
      }
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new InvalidNameException("key is longer than " + MAX_KEY_BYTES + " bytes of UTF-8");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidNameException("key has an empty segment (a leading, trailing or doubled '/')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidNameException("key has a '" + segment + "' segment");
      }
    }
  }

  /** Checks a bucket and a key. */
  public static void check(String bucket, String key) throws InvalidNameException {
    checkBucket(bucket);
    checkKey(key);
  }

  /** Whether {@code bucket} is a valid bucket name. */
  public static boolean isValidBucket(String bucket) {
    try {
      checkBucket(bucket);
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }

  /** Whether {@code key} is a valid key. */
  public static boolean isValidKey(String key) {
    try {
      checkKey(key);
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }

  /**
   * Compares two keys in the byte order of their UTF-8 encoding, the order listings use. (Java's
   * {@link String#compareTo} orders by UTF-16 code unit, which differs for characters above
   * U+FFFF.)
   */
  public static int compareKeys(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
