package dev.cvos.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a query string with a malformed percent-escape ({@code ?prefix=%zz}) with 400 before it
 * reaches Jersey, which would otherwise fail to build the request URI and answer 500. Jetty checks
 * the path itself.
 */
final class QueryEncodingGuard extends Handler.Wrapper {
  QueryEncodingGuard(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String query = request.getHttpURI().getQuery();
    if (query != null && !wellFormed(query)) {
      Response.writeError(request, response, callback, 400,
          "the query string holds a malformed percent-escape; write %XX with two hex digits");
      return true;
    }
    return super.handle(request, response, callback);
  }

  static boolean wellFormed(String query) {
    for (int i = 0; i < query.length(); i++) {
      if (query.charAt(i) == '%') {
        if (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
