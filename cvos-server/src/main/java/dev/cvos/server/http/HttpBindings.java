package dev.cvos.server.http;

import com.google.inject.Binder;
import com.google.inject.BindingAnnotation;
import com.google.inject.multibindings.Multibinder;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a feature module adds itself to the HTTP server without the HTTP plumbing knowing the
 * feature: Jersey components (resources, filters) and Jetty handlers that run in front of Jersey.
 * The feature depends on {@code http}; {@code http} never depends on the feature.
 */
public final class HttpBindings {
  private HttpBindings() {}

  /** Marks the set of feature components registered in the Jersey application. */
  @BindingAnnotation
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
  public @interface JerseyComponents {}

  /** Jersey components (resources, filters) a feature registers; each must be a singleton. */
  public static Multibinder<Object> jerseyComponents(Binder binder) {
    return Multibinder.newSetBinder(binder, Object.class, JerseyComponents.class);
  }

  /**
   * Jetty handlers a feature puts in front of Jersey, in binding order; each answers the requests
   * it takes and passes every other one on to its wrapped handler.
   */
  public static Multibinder<FrontHandler> frontHandlers(Binder binder) {
    return Multibinder.newSetBinder(binder, FrontHandler.class);
  }
}
