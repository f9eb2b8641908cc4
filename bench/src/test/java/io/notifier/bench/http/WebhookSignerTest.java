package io.notifier.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  private static final Clock AT_1614265330 =
      Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC);

  @Test
  void signsTheSpecificationsExample() {
    WebhookSigner signer =
        new WebhookSigner(
            List.of(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), AT_1614265330);

    var headers = signer.headers("msg_p5jXN8AQM9LWM0D4loKWxJek", "{\"test\": 2432232314}");

    assertThat(headers)
        .containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsWithEverySecretDuringARotation() {
    WebhookSigner signer =
        WebhookSigner.of(Optional.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, whsec_AAAA"))
            .orElseThrow();

    assertThat(signer.headers("{}").get("webhook-signature").split(" "))
        .hasSize(2)
        .allMatch(signature -> signature.startsWith("v1,"));
  }

  @Test
  void noSecretMeansNoSigning() {
    assertThat(WebhookSigner.of(Optional.of(" "))).isEmpty();
    assertThat(WebhookSigner.of(Optional.empty())).isEmpty();
  }
}
