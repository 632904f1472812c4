package dev.cvos.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.api.CvosJson;
import dev.cvos.domain.object.ClusterObjects;
import dev.cvos.domain.object.Located;
import dev.cvos.domain.object.ObjectErrorCode;
import dev.cvos.domain.object.ObjectOperationException;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answer of {@link ObjectFastPath} to a client's GET of an object this server does not store:
 * it asks the cluster itself ({@link ClusterObjects#open} with {@code relayed = false}, the use
 * case {@link ObjectResource#get} calls) instead of handing the request to Jersey, whose own
 * per-request cost was a third of the relaying server's work. The answer is the one {@link
 * ObjectResource} gives: the peer's object with {@code X-Cvos-Source}, 206 of a range, 304, and
 * for a failure the status, headers and JSON body {@link ErrorMapper} makes. Once the cluster is
 * asked, the answer is given here: a request is never relayed twice.
 */
final class RelayedAnswer {
  private final ClusterObjects objects;
  private final ErrorMapper errors = new ErrorMapper();
  private final ObjectMapper json = CvosJson.newMapper();

  RelayedAnswer(ClusterObjects objects) {
    this.objects = objects;
  }

  /** Answers the GET and ends the callback, whatever happens. */
  void get(String bucket, String key, ByteRange range, String rangeHeader, String ifNoneMatch, Response response,
      Callback callback) {
    Located<StoredObject> located;
    try {
      located = open(bucket, key, range, ifNoneMatch);
    } catch (NotModified answer) {
      ObjectFastPath.notModified(response, answer.located.value(), answer.located.source(), callback);
      return;
    } catch (ObjectOperationException | RuntimeException e) {
      error(e, response, callback);
      return;
    }
    StoredObject object = located.value();
    try (object) {
      ObjectMetadata m = object.metadata();
      // Checked on the opened object: one relay, not a stat and then a get.
      if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, m.sha256())) {
        ObjectFastPath.notModified(response, m, located.source(), callback);
        return;
      }
      HttpFields.Mutable headers = response.getHeaders();
      ObjectFastPath.headers(headers, m, located.source());
      ObjectFastPath.version(headers, located.version());
      if (rangeHeader != null) {
        headers.put(HttpHeader.CONTENT_RANGE,
            "bytes " + object.range().offset() + "-" + object.range().last() + "/" + m.size());
      }
      headers.put(HttpHeader.CONTENT_LENGTH, object.range().length());
      response.setStatus(rangeHeader == null ? 200 : 206);
      // The relayed body hands 64 KiB at a time; each write blocks until the client took it. Not
      // closed on a failure: closing ends the response as if the body were whole.
      OutputStream out = Content.Sink.asOutputStream(response);
      object.body().transferTo(out);
      out.close();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  /** Opens the object in the cluster; If-None-Match is evaluated before Range (RFC 9110 13.2.2). */
  private Located<StoredObject> open(String bucket, String key, ByteRange range, String ifNoneMatch)
      throws ObjectOperationException, NotModified {
    try {
      return objects.open(bucket, key, range, false);
    } catch (ObjectOperationException e) {
      if (ifNoneMatch == null || e.code() != ObjectErrorCode.RANGE_NOT_SATISFIABLE) {
        throw e;
      }
      Located<ObjectMetadata> current = objects.metadata(bucket, key, false);
      if (EntityTags.matches(ifNoneMatch, current.value().sha256())) {
        throw new NotModified(current);
      }
      throw e;
    }
  }

  /** The error answer Jersey gives for the failure: {@link ErrorMapper}'s status, headers and body. */
  private void error(Exception failure, Response response, Callback callback) {
    jakarta.ws.rs.core.Response answer = errors.toResponse(failure);
    byte[] body;
    try {
      body = json.writeValueAsBytes(answer.getEntity());
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    HttpFields.Mutable headers = response.getHeaders();
    for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
      for (String value : header.getValue()) {
        headers.add(header.getKey(), value);
      }
    }
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.setStatus(answer.getStatus());
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** The object matched If-None-Match after an unsatisfiable range: the answer is 304. */
  private static final class NotModified extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Located<ObjectMetadata> located;

    NotModified(Located<ObjectMetadata> located) {
      super(null, null, false, false);
      this.located = located;
    }
  }
}
