package dev.cvos.storage.spi.format;

import java.util.List;
import java.util.Objects;

/**
 * Where an object's file lives, relative to a store's root: a bucket directory, two fan-out
 * directories and a file name. Build it with {@link ObjectFileLayout#pathOf}.
 *
 * @param bucketDirectory the bucket's directory name (see {@link
 *     ObjectFileLayout#bucketDirectoryName})
 * @param fanOut1 the first fan-out directory: two lower-case hex digits
 * @param fanOut2 the second fan-out directory: two lower-case hex digits
 * @param fileName the object's file name: the key's SHA-256 in hex and {@link
 *     ObjectFileLayout#OBJECT_SUFFIX}
 */
public record ObjectFilePath(String bucketDirectory, String fanOut1, String fanOut2, String fileName) {
  public ObjectFilePath {
    Objects.requireNonNull(bucketDirectory, "bucketDirectory");
    Objects.requireNonNull(fanOut1, "fanOut1");
    Objects.requireNonNull(fanOut2, "fanOut2");
    Objects.requireNonNull(fileName, "fileName");
  }

  /** The path segments from the root: bucket directory, fan-outs, file name. */
  public List<String> segments() {
    return List.of(bucketDirectory, fanOut1, fanOut2, fileName);
  }

  /** The segments of the directory holding the file. */
  public List<String> directorySegments() {
    return List.of(bucketDirectory, fanOut1, fanOut2);
  }

  /** The relative path with {@code /} between segments, as SMB URLs and POSIX paths take it. */
  public String relativePath() {
    return String.join("/", segments());
  }
}
