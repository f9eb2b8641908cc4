package io.notifier.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one client between the services: it keeps the base URL's path, sends what it says, and bounds
 * every call; what it reports of a failure for anyone names no address.
 */
class ServiceClientTest {

  private record Arrived(String method, String path, String authorization, String body) {}

  private final List<Arrived> arrived = new CopyOnWriteArrayList<>();
  private final HttpServer server = server();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void keepsTheBaseUrlsPathAndEncodesEachSegment() {
    ServiceClient client = client(URI.create(base() + "/gateway/account-api"));

    client.post("api", "reconciliations", "tx 1/2").send();

    assertThat(arrived)
        .extracting(Arrived::path)
        .containsExactly("/gateway/account-api/api/reconciliations/tx%201%2F2");
  }

  @Test
  void withoutSegmentsItCallsTheUrlExactlyAsConfigured() {
    ServiceClient client = client(URI.create(base() + "/ops/notifier-events?team=pay"));

    client.post().json(java.util.Map.of("type", "test")).send();

    assertThat(arrived).extracting(Arrived::path).containsExactly("/ops/notifier-events");
  }

  @Test
  void aBaseUrlWithATrailingSlashIsTheSame() {
    ServiceClient client = client(URI.create(base() + "/account-api/"));

    client.head("api", "accounts", "1").send();

    assertThat(arrived)
        .extracting(Arrived::method, Arrived::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("HEAD", "/account-api/api/accounts/1"));
  }

  @Test
  void sendsJsonWithItsCredential() {
    ServiceClient client =
        new ServiceClient(
            "account-api",
            base(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Credential.bearer("k1"));

    client.post("api", "notifications").json(Map.of("txNo", "tx-1")).send();

    assertThat(arrived.getFirst().authorization()).isEqualTo("Bearer k1");
    assertThat(arrived.getFirst().body()).isEqualTo("{\"txNo\":\"tx-1\"}");
  }

  @Test
  void noAnswerWithinTheCallsBudgetIsReportedWithoutTheAddressToAnyone() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      ServiceClient client = client(URI.create("http://127.0.0.1:" + silent.getLocalPort()));

      NoAnswer none =
          catchThrowableOfType(
              NoAnswer.class,
              () -> client.post("api", "notifications").within(Duration.ofMillis(300)).send());

      assertThat(none.summary()).isEqualTo("no answer from account-api within 300ms");
      assertThat(none.detail()).contains("127.0.0.1:" + silent.getLocalPort());
    }
  }

  @Test
  void aRefusedConnectionIsReportedWithoutTheAddressToAnyone() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ServiceClient client = client(URI.create("http://127.0.0.1:" + closed + "/account-api"));

    NoAnswer none = catchThrowableOfType(NoAnswer.class, () -> client.get("api").send());

    assertThat(none.summary()).isEqualTo("could not connect to account-api");
    assertThat(none.detail()).contains("http://127.0.0.1:" + closed + "/account-api/api");
  }

  @Test
  void observedItsCallsFailInTheSameWordsAndSucceedTheSame() throws IOException {
    ObservationRegistry observations = ObservationRegistry.create();
    List<String> observed = new CopyOnWriteArrayList<>();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }

              @Override
              public void onStop(Observation.Context context) {
                observed.add(context.getName());
              }
            });
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ServiceClient down =
        new ServiceClient(
            "account-api",
            URI.create("http://127.0.0.1:" + closed),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Credential.none(),
            observations);
    ServiceClient up =
        new ServiceClient(
            "account-api",
            base(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Credential.none(),
            observations);

    NoAnswer none = catchThrowableOfType(NoAnswer.class, () -> down.get("api").send());
    up.head("api", "accounts", "1").send();

    assertThat(none.summary()).isEqualTo("could not connect to account-api");
    assertThat(arrived).extracting(Arrived::path).containsExactly("/api/accounts/1");
    assertThat(observed).containsExactly("http.client.requests", "http.client.requests");
  }

  @Test
  void aRetryAfterInSecondsOrAsADateIsReadForA429OrA503Only() {
    Instant now = Instant.parse("2026-11-26T08:00:00Z");

    assertThat(Answer.parseRetryAfter("120", now)).contains(Duration.ofMinutes(2));
    assertThat(Answer.parseRetryAfter("Thu, 26 Nov 2026 08:10:00 GMT", now))
        .contains(Duration.ofMinutes(10));
    assertThat(Answer.parseRetryAfter("soon", now)).isEmpty();
  }

  private ServiceClient client(URI base) {
    return new ServiceClient(
        "account-api", base, Duration.ofSeconds(1), Duration.ofSeconds(2), Credential.none());
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private HttpServer server() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext(
          "/",
          exchange -> {
            try (exchange) {
              arrived.add(
                  new Arrived(
                      exchange.getRequestMethod(),
                      exchange.getRequestURI().getRawPath(),
                      exchange.getRequestHeaders().getFirst("Authorization"),
                      new String(
                          exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
              exchange.sendResponseHeaders(204, -1);
            }
          });
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.start();
      return http;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
