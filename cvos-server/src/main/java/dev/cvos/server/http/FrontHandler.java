package dev.cvos.server.http;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.server.Handler;

/**
 * A Jetty handler a feature puts in front of Jersey ({@link HttpBindings#frontHandlers}): it
 * answers the requests it takes and passes every other one on to the next handler. It declares
 * the operations it serves, as a Jersey resource declares them with its annotations, so that the
 * API description is checked against everything the server serves.
 */
public abstract class FrontHandler extends Handler.Wrapper {
  /**
   * An operation a front handler serves.
   *
   * @param method the HTTP method
   * @param path the path template, such as {@code /v1/objects/{bucket}/{key}}
   * @param headers the request headers it reads as parameters
   * @param produces the media types of its success answers
   */
  public record Route(String method, String path, Set<String> headers, Set<String> produces) {
    public Route {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      headers = Set.copyOf(headers);
      produces = Set.copyOf(produces);
    }
  }

  /** The operations this handler serves. */
  public abstract List<Route> routes();
}
