package io.notifier.web.client;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.java11.instrument.binder.jdk.MicrometerHttpClient;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one client through which a service calls another: pay-api's notifier and account check call
 * account-api, account-api's reconciliation calls pay-api. It keeps the path of the configured base
 * URL ({@code http://gateway/account-api} posts to {@code http://gateway/account-api/api/…}),
 * bounds every call by explicit timeouts, sends JSON serialized once and authenticated by its
 * {@link Credential} over the bytes sent, and returns every HTTP answer as an {@link Answer}, or
 * throws {@link NoAnswer}. What an answer means is the caller's to classify, with {@link
 * Classified}.
 *
 * <p>Given the service's {@link ObservationRegistry}, each call is an observation of Micrometer's
 * instrumentation of the JDK client: a client span of the current trace, whose context goes out as
 * W3C {@code traceparent}, put there by the tracer and never by this class.
 */
public final class ServiceClient {

  private final String service;
  private final URI configured;
  private final URI base;
  private final Duration requestTimeout;
  private final Credential credential;
  private final HttpClient http;
  private final JsonMapper json;

  /**
   * @param service the other service's name, as errors shown to anyone name it ("account-api")
   * @param baseUrl its base URL; a path in it is kept
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout how long to wait for an answer, unless a call asks for less
   */
  public ServiceClient(
      String service,
      URI baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      Credential credential) {
    this(service, baseUrl, connectTimeout, requestTimeout, credential, ObservationRegistry.NOOP);
  }

  /**
   * @param observations the service's registry: each call observed (a client span, the trace's
   *     context sent along, {@code http.client.requests} timed)
   */
  public ServiceClient(
      String service,
      URI baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      Credential credential,
      ObservationRegistry observations) {
    if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          service + "'s URL must be absolute, such as http://127.0.0.1:8082: " + baseUrl);
    }
    this.service = service;
    this.configured = baseUrl;
    this.base = withTrailingSlash(baseUrl);
    this.requestTimeout = requestTimeout;
    this.credential = credential;
    this.http =
        observed(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(),
            observations);
    this.json =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  private HttpClient observed(HttpClient client, ObservationRegistry observations) {
    if (observations.isNoop()) {
      return client;
    }
    // The meter registry is the library's fallback for a registry that observes nothing, which
    // this client never hands it: with observations, Spring's registry times the calls.
    return MicrometerHttpClient.instrumentationBuilder(client, Metrics.globalRegistry)
        .observationRegistry(observations)
        .uriMapper(this::uriTemplate)
        .build();
  }

  /**
   * The call's address without its identifier: every call between the services is {@code
   * api/<collection>} or {@code api/<collection>/<id>}, and an id (a txNo, an account) in a
   * metric's tag would make one time series per recharge.
   */
  private String uriTemplate(HttpRequest request) {
    if (request.uri().equals(configured)) {
      return "/";
    }
    String[] segments = base.relativize(request.uri()).getRawPath().split("/");
    return segments.length <= 2
        ? "/" + String.join("/", segments)
        : "/" + segments[0] + "/" + segments[1] + "/{id}";
  }

  public String service() {
    return service;
  }

  /**
   * The address of {@code segments} under the base URL, each segment percent-encoded; without
   * segments, the URL exactly as configured (an endpoint of its own, such as the operator URL).
   */
  public URI uri(String... segments) {
    if (segments.length == 0) {
      return configured;
    }
    String path =
        Arrays.stream(segments)
            .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
            .collect(Collectors.joining("/"));
    return base.resolve(path);
  }

  public Call get(String... segments) {
    return new Call("GET", uri(segments));
  }

  public Call head(String... segments) {
    return new Call("HEAD", uri(segments));
  }

  public Call post(String... segments) {
    return new Call("POST", uri(segments));
  }

  /** One request being prepared; {@link #send()} sends it. */
  public final class Call {
    private final String method;
    private final URI uri;
    private Object body;
    private String messageId;
    private Duration within;

    private Call(String method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    /** A JSON body, serialized once: the bytes signed are the bytes sent. */
    public Call json(Object value) {
      this.body = value;
      return this;
    }

    /** The message's id, for a credential that signs messages (a notification's txNo). */
    public Call messageId(String id) {
      this.messageId = id;
      return this;
    }

    /**
     * A deadline for the whole call, connection included, shorter than the client's timeouts: a
     * caller with a time budget of its own (an attempt's StartToClose) fails by itself, in time.
     */
    public Call within(Duration budget) {
      this.within = budget;
      return this;
    }

    /**
     * @throws NoAnswer when no HTTP answer came
     */
    public Answer send() {
      String text = body == null ? "" : json.writeValueAsString(body);
      Duration timeout =
          within != null && within.compareTo(requestTimeout) < 0 ? within : requestTimeout;
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8)));
      credential.apply(request, messageId, text);
      return exchange(request.build(), timeout);
    }

    private Answer exchange(HttpRequest request, Duration timeout) {
      CompletableFuture<HttpResponse<String>> response =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
      try {
        // The request timeout does not cover connecting; the deadline covers everything.
        HttpResponse<String> answer =
            within == null
                ? response.get()
                : response.get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS);
        return new Answer(
            service, method, uri, answer.statusCode(), answer.headers(), answer.body(), json);
      } catch (TimeoutException e) {
        response.cancel(true);
        throw noAnswerWithin(timeout, e);
      } catch (InterruptedException e) {
        response.cancel(true);
        Thread.currentThread().interrupt();
        throw new NoAnswer(
            "the call to " + service + " was interrupted",
            method + " " + uri + " was interrupted",
            e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        // The observed client completes its future with the failure wrapped once more.
        if (cause instanceof CompletionException wrapped && wrapped.getCause() != null) {
          cause = wrapped.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
          throw noAnswerWithin(timeout, cause);
        }
        if (cause instanceof ConnectException) {
          throw new NoAnswer(
              "could not connect to " + service,
              "cannot connect to " + uri + " (" + cause + ")",
              cause);
        }
        String summary =
            cause instanceof IOException
                ? "the connection to " + service + " failed"
                : "the call to " + service + " failed";
        throw new NoAnswer(summary, method + " " + uri + " failed: " + cause, cause);
      }
    }

    private NoAnswer noAnswerWithin(Duration timeout, Throwable cause) {
      return new NoAnswer(
          "no answer from " + service + " within " + seconds(timeout),
          "no answer from " + method + " " + uri + " within " + seconds(timeout),
          cause);
    }
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private static URI withTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? uri : URI.create(text + "/");
  }
}
