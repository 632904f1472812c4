package dev.cvos.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import dev.cvos.api.CvosJson;
import jakarta.ws.rs.ext.ContextResolver;

/** Gives Jersey's Jackson the API's mapping (ISO-8601 instants). */
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
  private final ObjectMapper mapper = CvosJson.newMapper();

  @Inject
  public ObjectMapperResolver() {}

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
