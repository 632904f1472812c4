package dev.cvos.server.object;

import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosPaths;
import dev.cvos.domain.object.ClusterObjects;
import dev.cvos.domain.object.ObjectOperationException;
import dev.cvos.domain.object.PutOutcome;
import dev.cvos.server.http.ApiException;
import dev.cvos.server.http.ApiKeyFilter;
import dev.cvos.server.http.RefusedBodies;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;

/**
 * The Objects rows of the contract that Jersey serves on a storing server: writes (PUT, POST),
 * DELETE and the listing of a bucket. Thin: parse and check the request, call one use case of
 * {@link ClusterObjects}, map the result; a request body streams to the store. A request carrying
 * {@code X-Cvos-Relayed} got past {@link ApiKeyFilter} only with the peer key: it is answered from
 * this server's storage only. The GET and HEAD of an object are served in front of Jersey by
 * {@link ObjectReadHandler}.
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
}
