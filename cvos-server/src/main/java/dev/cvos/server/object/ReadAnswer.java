package dev.cvos.server.object;

import dev.cvos.server.http.ErrorAnswer;
import dev.cvos.storage.spi.StoredObject;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a GET or HEAD of an object, as {@link ObjectReads} computes it, before anything is
 * sent: no Jetty or Jersey type, so one renderer ({@link ObjectReadHandler}) sends every read of
 * every store the same way, and a test can read an answer without a socket. The headers are those
 * of the answer but {@code Content-Length} (the renderer states it) and {@code X-Cvos-Server} (the
 * server adds it to every answer).
 */
public sealed interface ReadAnswer {
  /** The HTTP status. */
  int status();

  /** The headers, in the order they are sent. */
  Map<String, String> headers();

  /**
   * The object was found: 200 (the whole object) or 206 (a range, with {@code Content-Range}).
   *
   * @param status 200 or 206
   * @param headers the object's headers
   * @param length the body's length: the object's or the range's size
   * @param object for a GET, the opened object whose body is sent (and which the renderer then
   *     closes); empty for a HEAD
   */
  record Found(int status, Map<String, String> headers, long length, Optional<StoredObject> object)
      implements ReadAnswer {
    public Found {
      headers = Collections.unmodifiableMap(headers);
      Objects.requireNonNull(object, "object");
    }
  }

  /** The client's copy is current ({@code If-None-Match} matched): 304, no body. */
  record NotModified(Map<String, String> headers) implements ReadAnswer {
    public NotModified {
      headers = Collections.unmodifiableMap(headers);
    }

    @Override
    public int status() {
      return 304;
    }
  }

  /** The read failed or was refused: the contract's error answer. */
  record Refused(ErrorAnswer error) implements ReadAnswer {
    public Refused {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public int status() {
      return error.status();
    }

    @Override
    public Map<String, String> headers() {
      return error.headers();
    }
  }
}
