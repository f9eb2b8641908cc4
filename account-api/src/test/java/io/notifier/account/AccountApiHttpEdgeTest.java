package io.notifier.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.notifier.testing.AlsoOnMariaDb;
import io.notifier.testing.MalformedRequests;
import io.notifier.testing.MalformedRequests.Probe;
import io.notifier.testing.RawHttp;
import io.notifier.testing.StubHttpServer;
import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * account-api over real HTTP, for what MockMvc cannot send or does not pass through Tomcat: every
 * malformed request, to each endpoint, is refused with a 4xx problem+json that names no internals,
 * credits nothing and asks pay-api nothing.
 */
@AlsoOnMariaDb
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(profiles = "test", inheritProfiles = true)
class AccountApiHttpEdgeTest {

  private static final String NOTIFICATION =
      "{\"txNo\":\"tx-edge\",\"accountNo\":\"1\",\"amount\":\"1.00\",\"result\":\"success\"}";

  static final StubHttpServer payApi = StubHttpServer.start();

  @DynamicPropertySource
  static void payApiUrl(DynamicPropertyRegistry registry) {
    registry.add("pay-api.url", () -> payApi.uri().toString());
  }

  @AfterAll
  static void stopPayApi() {
    payApi.close();
  }

  @LocalServerPort int port;
  @Autowired Ledger ledger;
  @Autowired WebServerApplicationContext context;

  static Stream<Probe> malformed() {
    // Each with the credential its path takes, so that what is refused is the request's form.
    String operator = "Authorization: Bearer " + Credentials.OPERATOR_KEY;
    return Stream.of(
            MalformedRequests.with(
                Credentials.signatureHeaders(""),
                MalformedRequests.atPath("POST", "/api/notifications")),
            MalformedRequests.with(
                Credentials.signatureHeaders(NOTIFICATION),
                MalformedRequests.withJsonBody("/api/notifications", NOTIFICATION)),
            MalformedRequests.with(
                "Authorization: Bearer " + Credentials.CLIENT_KEY,
                MalformedRequests.atPath("GET", "/api/accounts/1")),
            MalformedRequests.with(
                operator, MalformedRequests.atPath("POST", "/api/reconciliations/tx-edge")),
            MalformedRequests.with(operator, MalformedRequests.anywhere()))
        .flatMap(probes -> probes.stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedWithAProblemAndChangesNothing(Probe probe) {
    Ledger.Snapshot before = ledger.snapshot();

    RawHttp.Answer answer = RawHttp.exchange(port, probe.bytes());

    assertThat(answer.status()).isEqualTo(probe.status());
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(JsonPath.<Integer>read(answer.body(), "$.status")).isEqualTo(probe.status());
    assertThat(JsonPath.<String>read(answer.body(), "$.detail")).isNotBlank();
    assertThat(answer.body())
        .doesNotContain("java", "jackson", "tomcat", "Tomcat", "Exception", "\tat ", "<html");
    assertThat(ledger.snapshot()).isEqualTo(before);
    assertThat(payApi.received()).isEmpty();
  }

  @Test
  void listensOnLoopbackOnlyByDefault() {
    InetAddress address =
        (InetAddress)
            ((TomcatWebServer) context.getWebServer())
                .getTomcat()
                .getConnector()
                .getProperty("address");

    assertThat(address.isLoopbackAddress()).isTrue();
  }
}
