package io.notifier.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.notifier.testing.MalformedRequests;
import io.notifier.testing.MalformedRequests.Probe;
import io.notifier.testing.RawHttp;
import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * pay-api over real HTTP, for what MockMvc cannot send or does not pass through Tomcat: every
 * malformed request, to each endpoint, is refused with a 4xx problem+json that names no internals,
 * and records nothing.
 */
class PayApiHttpEdgeTest extends PayApiIntegrationTest {

  private static final String RECHARGE = "{\"accountNo\":\"1\",\"amount\":\"1.00\"}";

  @Autowired WebServerApplicationContext context;

  static Stream<Probe> malformed() {
    // Each with a key its path takes, so that what is refused is the request's form.
    String client = Credentials.header(Credentials.CLIENT_KEY);
    String operator = Credentials.header(Credentials.OPERATOR_KEY);
    return Stream.of(
            MalformedRequests.with(client, MalformedRequests.atPath("POST", "/api/recharges")),
            MalformedRequests.with(
                client, MalformedRequests.withJsonBody("/api/recharges", RECHARGE)),
            MalformedRequests.with(
                client, MalformedRequests.atPath("GET", "/api/recharges/tx-edge")),
            MalformedRequests.with(
                client, MalformedRequests.atPath("GET", "/api/recharges/tx-edge/notification")),
            MalformedRequests.with(
                operator,
                MalformedRequests.atPath("POST", "/api/recharges/tx-edge/notification/reconcile")),
            MalformedRequests.with(operator, MalformedRequests.anywhere()))
        .flatMap(probes -> probes.stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedWithAProblemAndRecordsNothing(Probe probe) {
    long before = recharges();

    RawHttp.Answer answer = RawHttp.exchange(port(), probe.bytes());

    assertThat(answer.status()).isEqualTo(probe.status());
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(JsonPath.<Integer>read(answer.body(), "$.status")).isEqualTo(probe.status());
    assertThat(JsonPath.<String>read(answer.body(), "$.detail")).isNotBlank();
    assertThat(answer.body())
        .doesNotContain("java", "jackson", "tomcat", "Tomcat", "Exception", "\tat ", "<html");
    assertThat(recharges()).isEqualTo(before);
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
