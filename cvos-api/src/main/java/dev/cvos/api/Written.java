package dev.cvos.api;

import java.util.Objects;

/**
 * The answer to a successful PUT or POST.
 *
 * @param status 201 when the object was created, 200 when it replaced one
 * @param info the stored object
 * @param location the {@code Location} header (POST), or null
 * @param server the {@code X-Cvos-Server} header
 */
public record Written(int status, ObjectInfo info, String location, String server) {
  public Written {
    Objects.requireNonNull(info, "info");
  }

  /** Whether a new object was created (201) rather than an existing one replaced (200). */
  public boolean created() {
    return status == 201;
  }
}
