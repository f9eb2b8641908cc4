package io.notifier.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any controller runs, what Tomcat lets through but this API does not take.
 *
 * <ul>
 *   <li>Path parameters: Tomcat maps {@code /api/accounts/1;x=y} as {@code /api/accounts/1}, so the
 *       identifier a client wrote would not be the one served.
 *   <li>Compressed bodies: the body would be read as if it were not ({@code Content-Encoding} is
 *       not decoded by anything on the way).
 *   <li>Bodies over the limit. The body is read here, up to the limit, so that a chunked body with
 *       no Content-Length is refused as surely as one that announces its size, and a controller
 *       never reads more than the limit.
 * </ul>
 */
public class StrictRequestFilter extends OncePerRequestFilter {

  private final int maxBodySize;

  public StrictRequestFilter(int maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().indexOf(';') >= 0) {
      refuse(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "Path parameters (';') are not part of this API: send the path without them.");
      return;
    }
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      refuse(
          request,
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Content-Encoding " + encoding + " is not taken: send the body uncompressed.");
      return;
    }
    if (request.getContentLengthLong() > maxBodySize) {
      tooLarge(request, response);
      return;
    }
    byte[] body;
    try {
      body = request.getInputStream().readNBytes(maxBodySize + 1);
    } catch (IOException unreadable) {
      // A broken chunked encoding, or a body that stopped short. Tomcat has usually marked the
      // response 400 already, and the error page answers it.
      if (!response.isCommitted()) {
        refuse(request, response, HttpStatus.BAD_REQUEST, "The body could not be read to its end.");
      }
      return;
    }
    if (body.length > maxBodySize) {
      tooLarge(request, response);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  /**
   * The body this filter read, for what must see it before the endpoint does (the notifier's
   * signature is checked over it); empty when the request did not come through this filter.
   */
  public static Optional<byte[]> bodyOf(ServletRequest request) {
    ServletRequest current = request;
    while (true) {
      if (current instanceof ReadBody read) {
        return Optional.of(read.body.clone());
      }
      if (!(current instanceof ServletRequestWrapper wrapper)) {
        return Optional.empty();
      }
      current = wrapper.getRequest();
    }
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The rest of the body is not read; the connection cannot carry another request after it.
    response.setHeader(HttpHeaders.CONNECTION, "close");
    refuse(
        request,
        response,
        HttpStatus.CONTENT_TOO_LARGE,
        "The body is larger than this API takes: at most " + maxBodySize + " bytes.");
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    ProblemDetail problem = Problems.ofStatus(status);
    problem.setDetail(detail);
    problem.setInstance(Problems.instance(request.getRequestURI()));
    ProblemJson.write(response, problem);
  }

  /** The request with its body already read: controllers read it from memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body has been read already.");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
