package dev.cvos.domain.object;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Makes the keys of POSTed objects: {@code <server-id>.<time><random>}, for example {@code
 * node-a.01hq3v5k2m8x7c4e9r1t6y0w2z}.
 *
 * <p>The part before the dot names the server that stored the object, so that a server that lacks
 * it asks that server first (the location hint). The rest is 10 characters of the creation time in
 * milliseconds and 16 characters (80 bits) of randomness, in lower-case Crockford base 32, whose
 * alphabet is in ASCII order: keys of one server sort by creation time. Every key is a valid key
 * of {@code ObjectNames}: one segment of {@code [a-z0-9.-]}.
 */
public final class KeyGenerator {
  /** What a server id may be: it is the first part of a key, so it holds no dot or slash. */
  public static final Pattern SERVER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private static final Pattern GENERATED_KEY = Pattern.compile("([a-z0-9][a-z0-9-]{0,62})\\.[0-9a-hjkmnp-tv-z]{26}");
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final int TIME_CHARS = 10;
  private static final int RANDOM_CHARS = 16;

  private final String serverId;
  private final Clock clock;
  private final RandomGenerator random;

  /** A generator with a {@link SecureRandom}. */
  public KeyGenerator(String serverId, Clock clock) {
    this(serverId, clock, new SecureRandom());
  }

  public KeyGenerator(String serverId, Clock clock, RandomGenerator random) {
    Objects.requireNonNull(serverId, "serverId");
    if (!SERVER_ID.matcher(serverId).matches()) {
      throw new IllegalArgumentException("server id '" + serverId
          + "' must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit");
    }
    this.serverId = serverId;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new key, unique with overwhelming probability. */
  public String newKey() {
    char[] out = new char[TIME_CHARS + RANDOM_CHARS];
    long millis = clock.millis();
    for (int i = TIME_CHARS - 1; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = TIME_CHARS; i < out.length; i++) {
      out[i] = ALPHABET[random.nextInt(32)];
    }
    return serverId + "." + new String(out);
  }

  /** The id of the server a generated key names, or empty for a key a client chose. */
  public static Optional<String> locationHint(String key) {
    var matcher = GENERATED_KEY.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
