package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.CvosPaths;
import dev.cvos.domain.object.ObjectOperationException;
import dev.cvos.domain.object.ObjectService;
import dev.cvos.domain.object.PutOutcome;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ResolvedRange;
import dev.cvos.storage.spi.StoredObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Objects rows of the contract for one storing server. Thin: parse and check the request,
 * call one use case of {@link ObjectService}, map the result. Bodies stream both ways: the request
 * stream goes to the store, the store's stream to the response.
 */
@Path(CvosPaths.OBJECTS)
public final class ObjectResource {
  private static final String KEY = "{key: .+}";
  private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

  private final ObjectService objects;

  @Inject
  public ObjectResource(ObjectService objects) {
    this.objects = objects;
  }

  @POST
  @Path("{bucket}")
  public Response post(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body)
      throws ObjectOperationException {
    ObjectMetadata stored;
    RefusedBodies.Tracked tracked = RefusedBodies.track(body);
    try {
      stored = objects.post(RawNames.of(uri).bucket(), WriteHeaders.read(headers, false), tracked);
    } catch (ObjectOperationException | RuntimeException e) {
      tracked.drainAfterRefusal(headers, e);
      throw e;
    }
    String bucket = stored.bucket();
    return Response.created(URI.create(CvosPaths.object(bucket, stored.key())))
        .type(JSON).entity(ObjectInfos.of(stored)).build();
  }

  @PUT
  @Path("{bucket}/" + KEY)
  public Response put(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body)
      throws ObjectOperationException {
    PutOutcome outcome;
    RefusedBodies.Tracked tracked = RefusedBodies.track(body);
    try {
      RawNames.Names names = RawNames.of(uri);
      outcome = objects.put(names.bucket(), names.key(), WriteHeaders.read(headers, true), tracked);
    } catch (ObjectOperationException | RuntimeException e) {
      tracked.drainAfterRefusal(headers, e);
      throw e;
    }
    return Response.status(outcome.created() ? 201 : 200)
        .type(JSON).entity(ObjectInfos.of(outcome.metadata())).build();
  }

  @GET
  @Path("{bucket}")
  public Response list(@Context UriInfo uri, @QueryParam("prefix") String prefix,
      @QueryParam("after") String after, @QueryParam("limit") String limit) throws ObjectOperationException {
    String bucket = RawNames.of(uri).bucket();
    return Response.ok(ObjectInfos.of(objects.list(bucket, prefix, after, limit(limit))), JSON).build();
  }

  @GET
  @Path("{bucket}/" + KEY)
  public Response get(@Context UriInfo uri, @HeaderParam("Range") String rangeHeader,
      @HeaderParam("If-None-Match") String ifNoneMatch) throws ObjectOperationException {
    RawNames.Names names = RawNames.of(uri);
    String bucket = names.bucket();
    String key = names.key();
    ByteRange range = RangeHeader.parse(rangeHeader);
    if (ifNoneMatch != null) {
      ObjectMetadata current = objects.metadata(bucket, key);
      if (EntityTags.matches(ifNoneMatch, current.sha256())) {
        return notModified(current);
      }
    }
    StoredObject object = objects.open(bucket, key, range);
    try {
      ObjectMetadata m = object.metadata();
      ResolvedRange resolved = object.range();
      Response.ResponseBuilder response = headers(Response.status(rangeHeader == null ? 200 : 206), m)
          .header(HttpHeaders.CONTENT_LENGTH, resolved.length());
      if (rangeHeader != null) {
        response.header("Content-Range", "bytes " + resolved.offset() + "-" + resolved.last() + "/" + m.size());
      }
      StreamingOutput stream = out -> {
        try (object) {
          object.body().transferTo(out);
        }
      };
      return response.entity(stream).build();
    } catch (RuntimeException e) {
      closeQuietly(object, e);
      throw e;
    }
  }

  @HEAD
  @Path("{bucket}/" + KEY)
  public Response head(@Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch)
      throws ObjectOperationException {
    RawNames.Names names = RawNames.of(uri);
    ObjectMetadata m = objects.metadata(names.bucket(), names.key());
    if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, m.sha256())) {
      return notModified(m);
    }
    return headers(Response.ok(), m).header(HttpHeaders.CONTENT_LENGTH, m.size()).build();
  }

  @DELETE
  @Path("{bucket}/" + KEY)
  public Response delete(@Context UriInfo uri) throws ObjectOperationException {
    RawNames.Names names = RawNames.of(uri);
    objects.delete(names.bucket(), names.key());
    return Response.noContent().build();
  }

  private static Response notModified(ObjectMetadata m) {
    return Response.notModified(EntityTags.of(m.sha256()).replace("\"", ""))
        .header(HttpHeaders.LAST_MODIFIED, httpDate(m))
        .build();
  }

  private static Response.ResponseBuilder headers(Response.ResponseBuilder response, ObjectMetadata m) {
    response.type(mediaType(m.contentType()))
        .header(HttpHeaders.ETAG, EntityTags.of(m.sha256()))
        .header(HttpHeaders.LAST_MODIFIED, httpDate(m))
        .header("Accept-Ranges", "bytes");
    if (m.expires() != null) {
      response.header(HttpHeaders.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME.format(m.expires().atOffset(ZoneOffset.UTC)));
    }
    return response;
  }

  private static MediaType mediaType(String stored) {
    try {
      return MediaType.valueOf(stored);
    } catch (IllegalArgumentException e) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  private static String httpDate(ObjectMetadata m) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(m.created().atOffset(ZoneOffset.UTC));
  }

  private static int limit(String limit) {
    if (limit == null || limit.isBlank()) {
      return ListRequest.MAX_LIMIT;
    }
    try {
      return Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalidRequest("limit must be a whole number from 1 to " + ListRequest.MAX_LIMIT
          + ", got '" + limit + "'");
    }
  }

  private static void closeQuietly(StoredObject object, RuntimeException failure) {
    try {
      object.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
