package dev.cvos.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The CVOS version this server was built as (from the build's filtered {@code version.properties}). */
public final class CvosVersion {
  private static final String RESOURCE = "/dev/cvos/server/version.properties";

  private CvosVersion() {}

  /** The version, such as {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build did not record one. */
  public static String current() {
    try (InputStream in = CvosVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
