package dev.cvos.server.object;

import com.google.inject.Inject;
import dev.cvos.domain.object.ClusterObjects;
import dev.cvos.domain.object.Located;
import dev.cvos.domain.object.ObjectErrorCode;
import dev.cvos.domain.object.ObjectOperationException;
import dev.cvos.server.http.ApiException;
import dev.cvos.server.http.ErrorAnswer;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the answer to every GET and HEAD of an object, once, whatever the store and wherever the
 * object is: here, on a peer (relayed, with {@code X-Cvos-Source}), nowhere, or out of reach. One
 * use case call each ({@link ClusterObjects#open} for a GET, {@link ClusterObjects#metadata} for a
 * HEAD), which looks in this server's storage first and relays a client's miss; a request that is
 * itself relayed is answered from this server's storage only.
 *
 * <p>The conditions are evaluated in the order of RFC 9110 section 13.2.2: {@code If-None-Match}
 * first (a match is 304, whatever the {@code Range}), then {@code Range} (206 of the bytes asked,
 * or 416 when none of them exists). The object is opened with its range first, so a relayed read
 * costs one request to a peer; {@code If-None-Match} is then matched on the opened object, or on
 * its metadata when the range could not be satisfied.
 */
public final class ObjectReads {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectReads.class);

  private final ClusterObjects objects;

  @Inject
  public ObjectReads(ClusterObjects objects) {
    this.objects = objects;
  }

  /**
   * A read of an object, as the request asks it.
   *
   * @param bucket the decoded bucket
   * @param key the decoded key
   * @param range the {@code Range} header, or null
   * @param ifNoneMatch the {@code If-None-Match} header, or null
   * @param relayed whether a peer asks (with the relayed marker and the peer key)
   */
  public record ReadRequest(String bucket, String key, String range, String ifNoneMatch, boolean relayed) {}

  /** The answer to a GET; a {@link ReadAnswer.Found} holds the opened object, for the caller to close. */
  public ReadAnswer get(ReadRequest request) {
    try {
      return open(request);
    } catch (ObjectOperationException | ApiException e) {
      return new ReadAnswer.Refused(ErrorAnswer.of(e));
    } catch (RuntimeException e) {
      return unexpected("GET", request, e);
    }
  }

  /** The answer to a HEAD: a GET's status and headers, without the body ({@code Range} is not read). */
  public ReadAnswer head(ReadRequest request) {
    try {
      Located<ObjectMetadata> located = objects.metadata(request.bucket(), request.key(), request.relayed());
      ObjectMetadata m = located.value();
      if (notModified(request, m)) {
        return new ReadAnswer.NotModified(ObjectHeaders.notModified(m, located.source(), located.version()));
      }
      return new ReadAnswer.Found(200, ObjectHeaders.found(m, located.source(), located.version()), m.size(), Optional.empty());
    } catch (ObjectOperationException | ApiException e) {
      return new ReadAnswer.Refused(ErrorAnswer.of(e));
    } catch (RuntimeException e) {
      return unexpected("HEAD", request, e);
    }
  }

  /** A failure no answer was made for (a store's bug): logged once, with the object, and 503. */
  private static ReadAnswer unexpected(String method, ReadRequest request, RuntimeException e) {
    LOG.error("{} of {} in bucket {} failed unexpectedly; answering 503", method, request.key(), request.bucket(), e);
    return new ReadAnswer.Refused(ErrorAnswer.unavailable("the server failed unexpectedly; retry later"));
  }

  private ReadAnswer open(ReadRequest request) throws ObjectOperationException {
    ByteRange range = RangeHeader.parse(request.range());
    Located<StoredObject> located;
    try {
      located = objects.open(request.bucket(), request.key(), range, request.relayed());
    } catch (ObjectOperationException e) {
      if (request.ifNoneMatch() == null || e.code() != ObjectErrorCode.RANGE_NOT_SATISFIABLE) {
        throw e;
      }
      // If-None-Match before Range: a current copy is 304 even for a range beyond the object.
      Located<ObjectMetadata> current = objects.metadata(request.bucket(), request.key(), request.relayed());
      if (notModified(request, current.value())) {
        return new ReadAnswer.NotModified(ObjectHeaders.notModified(current.value(), current.source(), current.version()));
      }
      throw e;
    }
    StoredObject object = located.value();
    try {
      return found(request, object, located.source(), located.version());
    } catch (RuntimeException e) {
      close(object);
      throw e;
    }
  }

  private static ReadAnswer found(ReadRequest request, StoredObject object, Optional<String> source,
      long version) {
    ObjectMetadata m = object.metadata();
    if (notModified(request, m)) {
      close(object);
      return new ReadAnswer.NotModified(ObjectHeaders.notModified(m, source, version));
    }
    Map<String, String> headers = ObjectHeaders.found(m, source, version);
    if (request.range() == null) {
      return new ReadAnswer.Found(200, headers, object.range().length(), Optional.of(object));
    }
    headers.put("Content-Range", "bytes " + object.range().offset() + "-" + object.range().last() + "/" + m.size());
    return new ReadAnswer.Found(206, headers, object.range().length(), Optional.of(object));
  }

  private static boolean notModified(ReadRequest request, ObjectMetadata m) {
    return request.ifNoneMatch() != null && EntityTags.matches(request.ifNoneMatch(), m.sha256());
  }

  private static void close(StoredObject object) {
    try {
      object.close();
    } catch (IOException e) {
      LOG.debug("closing {} in bucket {} failed: {}", object.metadata().key(), object.metadata().bucket(), e.toString());
    }
  }
}
