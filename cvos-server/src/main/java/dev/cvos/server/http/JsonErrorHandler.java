package dev.cvos.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosJson;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty itself produces (a malformed request line, bad percent-encoding, an
 * ambiguous path, too large headers) with the contract's JSON body and {@code X-Cvos-Server}
 * instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private final String serverId;
  private final ObjectMapper json = CvosJson.newMapper();

  public JsonErrorHandler(String serverId) {
    this.serverId = serverId;
    setShowStacks(false);
  }

  /** Every method gets the JSON body, not only GET, POST and HEAD as in Jetty's default. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    response.getHeaders().put(CvosHeaders.SERVER, serverId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, body(code, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(CvosHeaders.SERVER, serverId);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return body(status, reason);
  }

  private ByteBuffer body(int status, String reason) {
    ErrorCode code = ErrorCode.ofStatus(status);
    String message = reason == null || reason.isBlank() ? "the request was refused (" + status + ")" : reason;
    try {
      return ByteBuffer.wrap(json.writeValueAsBytes(ErrorBody.of(code, message)));
    } catch (JsonProcessingException e) {
      return ByteBuffer.wrap(("{\"error\":\"" + code.code() + "\",\"message\":\"request refused\"}")
          .getBytes(StandardCharsets.UTF_8));
    }
  }
}
