package dev.cvos.storage.smb;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import jcifs.DialectVersion;

/**
 * The validated configuration of an SMB store, read from the flat keys under {@code
 * storage.config.}.
 *
 * <p>{@link #toString()} never shows the password, and no error message quotes it.
 *
 * @param url the folder of the share that holds the objects, ending in {@code /}
 * @param domain the logon domain, empty for none
 * @param user the user name, empty for a guest logon
 * @param password the password (a secret)
 * @param guest whether to log on as a guest
 * @param connectTimeout how long a TCP connect to the server may take
 * @param responseTimeout how long the server may take to answer one request
 * @param socketTimeout how long an idle connection is kept
 * @param minVersion the oldest SMB dialect to accept
 * @param maxVersion the newest SMB dialect to offer
 * @param staleTempAge how old another server's temporary file must be before it is removed at start
 */
public record SmbStoreConfig(
    String url,
    String domain,
    String user,
    String password,
    boolean guest,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration socketTimeout,
    DialectVersion minVersion,
    DialectVersion maxVersion,
    Duration staleTempAge) {

  static final String URL = "url";
  static final String DOMAIN = "domain";
  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String GUEST = "guest";
  static final String CONNECT_TIMEOUT = "connect-timeout";
  static final String RESPONSE_TIMEOUT = "response-timeout";
  static final String SO_TIMEOUT = "so-timeout";
  static final String MIN_VERSION = "min-version";
  static final String MAX_VERSION = "max-version";
  static final String STALE_TEMP_AGE = "stale-temp-age";

  /** Every key this store reads; any other key is a configuration error. */
  public static final Set<String> KEYS = Set.of(URL, DOMAIN, USER, PASSWORD, GUEST,
      CONNECT_TIMEOUT, RESPONSE_TIMEOUT, SO_TIMEOUT, MIN_VERSION, MAX_VERSION, STALE_TEMP_AGE);

  public SmbStoreConfig {
    Objects.requireNonNull(url, URL);
    Objects.requireNonNull(domain, DOMAIN);
    Objects.requireNonNull(user, USER);
    Objects.requireNonNull(password, PASSWORD);
    Objects.requireNonNull(connectTimeout, CONNECT_TIMEOUT);
    Objects.requireNonNull(responseTimeout, RESPONSE_TIMEOUT);
    Objects.requireNonNull(socketTimeout, SO_TIMEOUT);
    Objects.requireNonNull(minVersion, MIN_VERSION);
    Objects.requireNonNull(maxVersion, MAX_VERSION);
    Objects.requireNonNull(staleTempAge, STALE_TEMP_AGE);
  }

  /**
   * Reads and checks the configuration.
   *
   * @throws IllegalArgumentException naming every bad key and how to fix it
   */
  public static SmbStoreConfig from(Map<String, String> config) {
    Objects.requireNonNull(config, "config");
    List<String> errors = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(KEYS);
    for (String key : unknown) {
      errors.add("storage.config." + key + " is not a key of the smb store; known keys are "
          + new TreeSet<>(KEYS));
    }
    String url = url(config.get(URL), errors);
    String user = config.getOrDefault(USER, "").trim();
    String password = config.getOrDefault(PASSWORD, "");
    boolean guest = bool(config, GUEST, false, errors);
    if (guest && !user.isEmpty()) {
      errors.add("storage.config.guest is true but storage.config.user is set: "
          + "remove the user for a guest logon, or set guest to false");
    }
    if (!guest && user.isEmpty()) {
      errors.add("storage.config.user is missing: set user and password, or guest: true");
    }
    if (!guest && !user.isEmpty() && !config.containsKey(PASSWORD)) {
      errors.add("storage.config.password is missing for user " + user + ": set it");
    }
    Duration connect = duration(config, CONNECT_TIMEOUT, Duration.ofSeconds(5), errors);
    Duration response = duration(config, RESPONSE_TIMEOUT, Duration.ofSeconds(30), errors);
    Duration socket = duration(config, SO_TIMEOUT, Duration.ofSeconds(35), errors);
    Duration staleAge = duration(config, STALE_TEMP_AGE, Duration.ofHours(1), errors);
    DialectVersion min = dialect(config, MIN_VERSION, DialectVersion.SMB202, errors);
    DialectVersion max = dialect(config, MAX_VERSION, DialectVersion.SMB311, errors);
    if (min != null && max != null && min.compareTo(max) > 0) {
      errors.add("storage.config.min-version " + min + " is newer than max-version " + max
          + ": make min-version older or equal");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid smb store configuration:\n  " + String.join("\n  ", errors));
    }
    return new SmbStoreConfig(url, config.getOrDefault(DOMAIN, "").trim(), user, password, guest,
        connect, response, socket, min, max, staleAge);
  }

  @Override
  public String toString() {
    return "SmbStoreConfig[url=" + url + ", domain=" + domain + ", user=" + user
        + ", password=" + (password.isEmpty() ? "(empty)" : "(secret)") + ", guest=" + guest
        + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
        + ", socketTimeout=" + socketTimeout + ", minVersion=" + minVersion
        + ", maxVersion=" + maxVersion + ", staleTempAge=" + staleTempAge + "]";
  }

  private static String url(String value, List<String> errors) {
    String hint = "; set it to the share folder, such as smb://fileserver/share/ or "
        + "smb://10.0.0.5:445/share/cvos/";
    if (value == null || value.isBlank()) {
      errors.add("storage.config.url is missing" + hint);
      return "";
    }
    String url = value.trim();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      errors.add("storage.config.url is not a URL (" + e.getReason() + ")" + hint);
      return "";
    }
    if (!"smb".equalsIgnoreCase(uri.getScheme())) {
      errors.add("storage.config.url must start with smb://" + hint);
      return "";
    }
    if (uri.getRawUserInfo() != null) {
      errors.add("storage.config.url holds credentials: put them in user and password instead");
      return "";
    }
    if (uri.getHost() == null) {
      errors.add("storage.config.url has no server name" + hint);
      return "";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      errors.add("storage.config.url must not have a query or fragment" + hint);
      return "";
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.replace("/", "").isEmpty()) {
      errors.add("storage.config.url names no share" + hint);
      return "";
    }
    return url.endsWith("/") ? url : url + "/";
  }

  private static boolean bool(Map<String, String> config, String key, boolean fallback,
      List<String> errors) {
    String value = config.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        errors.add("storage.config." + key + " is '" + value + "': set it to true or false");
        return fallback;
    }
  }

  private static Duration duration(Map<String, String> config, String key, Duration fallback,
      List<String> errors) {
    String value = config.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      Duration duration = Durations.parse(value);
      if (duration.isZero() || duration.isNegative() || duration.toMillis() > Integer.MAX_VALUE) {
        errors.add("storage.config." + key + " is " + value
            + ": it must be positive and under 24 days");
        return fallback;
      }
      return duration;
    } catch (IllegalArgumentException e) {
      errors.add("storage.config." + key + " is '" + value + "': " + e.getMessage());
      return fallback;
    }
  }

  private static DialectVersion dialect(Map<String, String> config, String key,
      DialectVersion fallback, List<String> errors) {
    String value = config.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String name = value.trim().toUpperCase(Locale.ROOT).replace("_", "").replace(".", "");
    for (DialectVersion version : DialectVersion.values()) {
      if (version != DialectVersion.SMB1 && version.name().equals(name)) {
        return version;
      }
    }
    errors.add("storage.config." + key + " is '" + value
        + "': use one of SMB202, SMB210, SMB300, SMB302, SMB311 (SMB1 is not supported)");
    return null;
  }
}
