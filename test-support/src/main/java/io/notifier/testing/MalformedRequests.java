package io.notifier.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests none of our HTTP APIs takes, as the bytes a broken or hostile client sends, each with
 * the status it must be refused with. They are refused by Tomcat, by the services' shared HTTP edge
 * (web-common) or by Spring MVC; none of them may reach an endpoint.
 */
public final class MalformedRequests {

  /** Tomcat's default limit on the request line and headers together. */
  private static final int OVER_THE_HEADER_LIMIT = 9 * 1024;

  /** Over the services' default body limit of 16 KB. */
  private static final int OVER_THE_BODY_LIMIT = 32 * 1024;

  /** A request, what it is, and the status that refuses it. */
  public record Probe(String name, int status, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }

    /**
     * The same request with {@code headers} (lines joined by CRLF) right after its request line: a
     * credential, so that what is refused is the request's form, not the caller.
     */
    public Probe with(String headers) {
      String request = new String(bytes, StandardCharsets.UTF_8);
      int endOfRequestLine = request.indexOf("\r\n") + 2;
      return new Probe(
          name,
          status,
          (request.substring(0, endOfRequestLine)
                  + headers
                  + "\r\n"
                  + request.substring(endOfRequestLine))
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Each of {@code probes} with {@code headers}, such as {@code Authorization: Bearer <key>}. */
  public static List<Probe> with(String headers, List<Probe> probes) {
    return probes.stream().map(probe -> probe.with(headers)).toList();
  }

  private MalformedRequests() {}

  /**
   * What is malformed about a request whatever its path: here, at {@code path} (which takes {@code
   * method}).
   */
  public static List<Probe> atPath(String method, String path) {
    String other = method.equals("GET") ? "DELETE" : "GET";
    String longValue = "a".repeat(OVER_THE_HEADER_LIMIT);
    return List.of(
        probe("TRACE " + path, 405, "TRACE " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"),
        probe(other + " " + path, 405, other + " " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"),
        request(method + " " + path + "%00 (an encoded NUL)", 400, method, path + "%00"),
        request(method + " " + path + "%2Fx (an encoded slash)", 400, method, path + "%2Fx"),
        request(method + " " + path + ";x=1 (a path parameter)", 400, method, path + ";x=1"),
        request(method + " " + path + "\\x (a backslash)", 400, method, path + "\\x"),
        request(method + " " + path + "%ZZ (a broken escape)", 400, method, path + "%ZZ"),
        request(method + " " + path + "/a… (a URI over 9 KB)", 400, method, path + "/" + longValue),
        probe(
            method + " " + path + " with a header over 9 KB",
            400,
            method + " " + path + " HTTP/1.1\r\nHost: x\r\nX-Long: " + longValue + "\r\n\r\n"),
        probe(
            method + " " + path + " without Host", 400, method + " " + path + " HTTP/1.1\r\n\r\n"),
        probe(
            method + " " + path + " in HTTP/2.0 over HTTP/1 (a version Tomcat answers 505)",
            400,
            method + " " + path + " HTTP/2.0\r\nHost: x\r\n\r\n"),
        probe(
            method + " " + path + " accepting no JSON",
            406,
            method
                + " "
                + path
                + " HTTP/1.1\r\nHost: x\r\nAccept: image/png\r\n"
                + "Content-Type: application/json\r\nContent-Length: 0\r\n\r\n"));
  }

  /** What is malformed about a request to {@code path}, which takes {@code validBody} as JSON. */
  public static List<Probe> withJsonBody(String path, String validBody) {
    String spaces = " ".repeat(OVER_THE_BODY_LIMIT);
    List<Probe> probes = new ArrayList<>();
    for (String contentType : List.of("*/*", "application/*", "text/plain", "application/xml")) {
      probes.add(
          post(
              "Content-Type " + contentType, 415, path, "Content-Type: " + contentType, validBody));
    }
    probes.add(
        post(
            "Content-Encoding gzip (not decoded)",
            415,
            path,
            "Content-Type: application/json\r\nContent-Encoding: gzip",
            validBody));
    probes.add(
        post(
            "accepting no JSON",
            406,
            path,
            "Content-Type: application/json\r\nAccept: image/png",
            validBody));
    probes.add(
        probe(
            "POST " + path + ": a broken chunked body",
            400,
            head(path, "Transfer-Encoding: chunked") + "ZZ\r\n" + validBody + "\r\n0\r\n\r\n"));
    probes.add(
        probe(
            "POST " + path + ": Transfer-Encoding gzip (a coding Tomcat answers 501)",
            400,
            head(path, "Transfer-Encoding: gzip") + validBody));
    probes.add(
        probe(
            "POST " + path + ": a chunked body over the limit, without Content-Length",
            413,
            head(path, "Transfer-Encoding: chunked")
                + Integer.toHexString(spaces.length())
                + "\r\n"
                + spaces
                + "\r\n"));
    probes.add(
        probe(
            "POST " + path + ": a Content-Length of 25 MB",
            413,
            head(path, "Content-Length: " + 25 * 1024 * 1024) + validBody + spaces));
    probes.add(
        post("a body of 32 KB", 413, path, "Content-Type: application/json", validBody + spaces));
    return probes;
  }

  /** What is refused whatever the service: paths it does not have, and methods none takes. */
  public static List<Probe> anywhere() {
    return List.of(
        probe(
            "GET /error (Spring Boot's error page)", 404, "GET /error HTTP/1.1\r\nHost: x\r\n\r\n"),
        probe("GET /api/nothing-here", 404, "GET /api/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"),
        probe(
            "CONNECT (a method Tomcat answers 501)",
            400,
            "CONNECT x:1 HTTP/1.1\r\nHost: x\r\n\r\n"));
  }

  private static Probe request(String name, int status, String method, String target) {
    return probe(name, status, method + " " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  private static Probe post(String name, int status, String path, String headers, String body) {
    return probe(
        "POST " + path + ": " + name,
        status,
        "POST "
            + path
            + " HTTP/1.1\r\nHost: x\r\n"
            + headers
            + "\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n\r\n"
            + body);
  }

  /** The head of a JSON POST, with {@code framing}: how the body's length is told. */
  private static String head(String path, String framing) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + framing
        + "\r\n\r\n";
  }

  private static Probe probe(String name, int status, String request) {
    return new Probe(name, status, request.getBytes(StandardCharsets.UTF_8));
  }
}
