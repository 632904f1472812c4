package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosPaths;
import dev.cvos.domain.object.ObjectOperationException;
import dev.cvos.domain.object.ClusterObjects;
import dev.cvos.domain.object.Located;
import dev.cvos.domain.object.ObjectErrorCode;
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

/**
 * The Objects rows of the contract for one storing server. Thin: parse and check the request,
 * call one use case of {@link ClusterObjects}, map the result. Bodies stream both ways: the request
 * stream goes to the store, the store's (or the relaying peer's) stream to the response. A request
 * carrying {@code X-Cvos-Relayed} got past {@link ApiKeyFilter} only with the peer key: it is
 * answered from this server's storage only. The common GET and HEAD of an object stored here are
 * answered before Jersey by {@link ObjectFastPath}, with the same answer (as is a client's GET that
 * misses here and is relayed, by {@link RelayedAnswer}); these methods remain the
 * declaration of the routes and answer everything else.
 */
@Path(CvosPaths.OBJECTS)
public final class ObjectResource {
  private static final String KEY = "{key: .+}";
  private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

  private final ClusterObjects objects;

  @Inject
  public ObjectResource(ClusterObjects objects) {
    this.objects = objects;
  }

  @POST
  @Path("{bucket}")
  public Response post(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body)
      throws ObjectOperationException {
    PutOutcome posted;
    RefusedBodies.Tracked tracked = RefusedBodies.track(body);
    try {
      posted = objects.postWithVersion(RawNames.of(uri).bucket(), WriteHeaders.read(headers, false), tracked);
    } catch (ObjectOperationException | RuntimeException e) {
      tracked.drainAfterRefusal(headers, e);
      throw e;
    }
    ObjectMetadata stored = posted.metadata();
    return Response.created(URI.create(CvosPaths.object(stored.bucket(), stored.key())))
        .type(JSON).entity(ObjectInfos.of(stored, posted.version())).build();
  }

  @PUT
  @Path("{bucket}/" + KEY)
  public Response put(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body)
      throws ObjectOperationException {
    PutOutcome outcome;
    RefusedBodies.Tracked tracked = RefusedBodies.track(body);
    try {
      RawNames.Names names = RawNames.of(uri);
      outcome = objects.put(names.bucket(), names.key(), WriteHeaders.read(headers, true), tracked, relayed(headers));
    } catch (ObjectOperationException | RuntimeException e) {
      tracked.drainAfterRefusal(headers, e);
      throw e;
    }
    return Response.status(outcome.created() ? 201 : 200)
        .type(JSON).entity(ObjectInfos.of(outcome.metadata(), outcome.version())).build();
  }

  @GET
  @Path("{bucket}")
  public Response list(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("prefix") String prefix,
      @QueryParam("after") String after, @QueryParam("limit") String limit) throws ObjectOperationException {
    String bucket = RawNames.of(uri).bucket();
    return Response.ok(ObjectInfos.of(objects.list(bucket, prefix, after, limit(limit), relayed(headers)),
        objects::knownVersion), JSON)
        .build();
  }

  @GET
  @Path("{bucket}/" + KEY)
  public Response get(@Context UriInfo uri, @Context HttpHeaders headers, @HeaderParam("Range") String rangeHeader,
      @HeaderParam("If-None-Match") String ifNoneMatch) throws ObjectOperationException, IOException {
    RawNames.Names names = RawNames.of(uri);
    String bucket = names.bucket();
    String key = names.key();
    ByteRange range = RangeHeader.parse(rangeHeader);
    boolean relayed = relayed(headers);
    Located<StoredObject> located;
    try {
      located = objects.open(bucket, key, range, relayed);
    } catch (ObjectOperationException e) {
      if (ifNoneMatch == null || e.code() != ObjectErrorCode.RANGE_NOT_SATISFIABLE) {
        throw e;
      }
      // If-None-Match is evaluated before Range (RFC 9110 13.2.2).
      Located<ObjectMetadata> current = objects.metadata(bucket, key, relayed);
      if (EntityTags.matches(ifNoneMatch, current.value().sha256())) {
        return notModified(current);
      }
      throw e;
    }
    StoredObject object = located.value();
    try {
      ObjectMetadata m = object.metadata();
      // Checked on the opened object: one relay, not a stat and then a get, however slow a peer is.
      if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, m.sha256())) {
        object.close();
        return notModified(new Located<>(m, located.source()));
      }
      ResolvedRange resolved = object.range();
      Response.ResponseBuilder response = headers(Response.status(rangeHeader == null ? 200 : 206), m, located)
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
    } catch (IOException | RuntimeException e) {
      closeQuietly(object, e);
      throw e;
    }
  }

  @HEAD
  @Path("{bucket}/" + KEY)
  public Response head(@Context UriInfo uri, @Context HttpHeaders headers,
      @HeaderParam("If-None-Match") String ifNoneMatch) throws ObjectOperationException {
    RawNames.Names names = RawNames.of(uri);
    Located<ObjectMetadata> located = objects.metadata(names.bucket(), names.key(), relayed(headers));
    ObjectMetadata m = located.value();
    if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, m.sha256())) {
      return notModified(located);
    }
    return headers(Response.ok(), m, located).header(HttpHeaders.CONTENT_LENGTH, m.size()).build();
  }

  @DELETE
  @Path("{bucket}/" + KEY)
  public Response delete(@Context UriInfo uri, @Context HttpHeaders headers) throws ObjectOperationException {
    RawNames.Names names = RawNames.of(uri);
    objects.delete(names.bucket(), names.key(), relayed(headers));
    return Response.noContent().build();
  }

  /** Only a peer gets past {@link ApiKeyFilter} with the marker. */
  private static boolean relayed(HttpHeaders headers) {
    return headers.getHeaderString(CvosHeaders.RELAYED) != null;
  }

  private static Response notModified(Located<ObjectMetadata> located) {
    ObjectMetadata m = located.value();
    Response.ResponseBuilder response = Response.notModified(EntityTags.of(m.sha256()).replace("\"", ""))
        .header(HttpHeaders.LAST_MODIFIED, httpDate(m));
    located.source().ifPresent(source -> response.header(CvosHeaders.SOURCE, source));
    return response.build();
  }

  private static Response.ResponseBuilder headers(Response.ResponseBuilder response, ObjectMetadata m,
      Located<?> located) {
    located.source().ifPresent(source -> response.header(CvosHeaders.SOURCE, source));
    if (located.version() > 0) {
      response.header(CvosHeaders.VERSION, Long.toString(located.version()));
    }
    response.type(ObjectHeaders.mediaType(m.contentType()))
        .header(HttpHeaders.ETAG, EntityTags.of(m.sha256()))
        .header(HttpHeaders.LAST_MODIFIED, httpDate(m))
        .header(CvosHeaders.CREATED, m.created().toString())
        .header("Accept-Ranges", "bytes");
    if (m.expires() != null) {
      response.header(CvosHeaders.EXPIRES, m.expires().toString());
      response.header(HttpHeaders.EXPIRES, ObjectHeaders.httpDate(m.expires()));
    }
    return response;
  }

  private static String httpDate(ObjectMetadata m) {
    return ObjectHeaders.httpDate(m.created());
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

  private static void closeQuietly(StoredObject object, Exception failure) {
    try {
      object.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
