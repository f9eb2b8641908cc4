package io.notifier.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import io.notifier.activities.TestSigning;
import io.notifier.testing.StubHttpServer;
import io.notifier.testing.StubHttpServer.Received;
import io.notifier.workflows.RechargeNotification;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the receiver gets: each request signed over the very bytes it carries. */
class JsonHttpSigningTest {

  private static final RechargeNotification NOTIFICATION =
      new RechargeNotification("tx-1", "1", new BigDecimal("100.00"), RechargeNotification.SUCCESS);

  private final StubHttpServer accountApi = StubHttpServer.start();
  private final JsonHttp http =
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), TestSigning.signer());

  @AfterEach
  void close() {
    accountApi.close();
  }

  @Test
  void aNotificationIsSignedAsItsTxNoOverTheBodyAsReceived() {
    accountApi.answer("/api/notifications", 200, "{}");

    http.post(accountApi.uri().resolve("/api/notifications"), NOTIFICATION);

    Received received = accountApi.received().getFirst();
    assertThat(received.header("webhook-id")).isEqualTo("tx-1");
    long now = System.currentTimeMillis() / 1000;
    assertThat(Long.parseLong(received.header("webhook-timestamp"))).isBetween(now - 5, now + 5);
    assertThatCode(
            () -> new Webhook(TestSigning.SECRET).verify(received.body(), received.headers()))
        .doesNotThrowAnyException();
  }

  @Test
  void everyAttemptOfOneNotificationCarriesTheSameId() {
    URI notifications = accountApi.uri().resolve("/api/notifications");
    accountApi.answer("/api/notifications", 503, "{}");

    http.post(notifications, NOTIFICATION);
    http.post(notifications, NOTIFICATION);

    assertThat(accountApi.received())
        .extracting(request -> request.header("webhook-id"))
        .containsExactly("tx-1", "tx-1");
  }

  @Test
  void aReconciliationRequestIsSignedAsReconcileTxNoOverItsEmptyBody() {
    accountApi.answer("/api/reconciliations/tx-1", 200, "{}");

    http.post(accountApi.uri().resolve("/api/reconciliations/tx-1"));

    Received received = accountApi.received().getFirst();
    assertThat(received.header("webhook-id")).isEqualTo("reconcile-tx-1");
    assertThat(received.body()).isEmpty();
    assertThatCode(() -> new Webhook(TestSigning.SECRET).verify("", received.headers()))
        .doesNotThrowAnyException();
  }
}
