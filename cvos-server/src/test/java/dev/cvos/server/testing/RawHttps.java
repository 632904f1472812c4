package dev.cvos.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends a request exactly as written over TLS, for what {@code java.net.URI} and the JDK client
 * refuse to send (bad percent-encoding, odd methods, malformed headers), and reads the answer.
 */
public final class RawHttps {
  private final URI base;
  private final SSLContext context;

  public RawHttps(URI base, Path certificate) throws IOException, GeneralSecurityException {
    this.base = base;
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(certificate)) {
      Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      store.setCertificateEntry("cvos", cert);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    this.context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
  }

  /** An answer: status, headers (lower-case names), body. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code method target HTTP/1.1} with the given extra header lines and body, with {@code
   * Connection: close}, and reads the whole answer.
   */
  public Answer send(String method, String target, String headerLines, String body) throws IOException {
    try (SSLSocket socket = open()) {
      OutputStream out = socket.getOutputStream();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String request = method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + "Connection: close\r\n" + headerLines + (body.isEmpty() && !method.equals("PUT") && !method.equals("POST")
          ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(all);
      return parse(all.toString(StandardCharsets.ISO_8859_1));
    }
  }

  /** A TLS connection to the server, verified as a client would. */
  public SSLSocket open() throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(base.getHost(), base.getPort());
    socket.setSoTimeout(10_000);
    SSLParameters parameters = socket.getSSLParameters();
    if (!base.getHost().matches("[0-9.]+")) {
      parameters.setServerNames(java.util.List.of(new SNIHostName(base.getHost())));
    }
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    return socket;
  }

  /**
   * Reads one answer with a {@code Content-Length} from a kept-alive connection, leaving the
   * connection at the start of the next answer; null when the server closed it instead.
   */
  public static Answer readOne(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return head.size() == 0 ? null : parse(head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    Answer headOnly = parse(head.toString(StandardCharsets.ISO_8859_1));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headOnly.headers().get("transfer-encoding"))) {
      int size;
      while ((size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else {
      body.write(in.readNBytes(Integer.parseInt(headOnly.headers().getOrDefault("content-length", "0"))));
    }
    return new Answer(headOnly.status(), headOnly.headers(), body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /**
   * Reads one answer up to the end of the connection (an answer with {@code Connection: close} may
   * delimit its body by closing); null when the server closed without answering.
   */
  public static Answer readToClose(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.size() == 0 ? null : parse(all.toString(StandardCharsets.ISO_8859_1));
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String head = end < 0 ? raw : raw.substring(0, end);
    String body = end < 0 ? "" : raw.substring(end + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
