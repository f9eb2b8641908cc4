package io.notifier.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * pay-api given a setting that cannot work stops with one sentence naming it, as Spring Boot's
 * failure analysis, not with the binding's sixty lines of stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImpossibleSettingsTest {

  @Test
  void aScheduleOfMoreThanFiveHundredAttemptsInTheWindowStopsTheStartWithOneSentence(
      CapturedOutput output) {
    assertThatThrownBy(() -> start("--notify.retry.intervals=1s", "--notify.window=1h"));

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "The notifier's settings (notify.retry.intervals, notify.window, notify.reconcile.*,"
                + " notify.attempt-timeout, notify.first-attempt-timeout) are impossible: the"
                + " schedule 1s makes more than 500 attempts within the window of 1h; lengthen the"
                + " intervals or shorten the window")
        .doesNotContain("\tat org.springframework");
  }

  @Test
  void httpTimeoutsLongerThanAnAttemptStopTheStartWithOneSentence(CapturedOutput output) {
    assertThatThrownBy(() -> start("--notify.attempt-timeout=5s"));

    assertThat(output)
        .contains(
            "notify.http.connect-timeout + notify.http.request-timeout (12s) must be shorter"
                + " than notify.attempt-timeout (5s)")
        .doesNotContain("\tat org.springframework");
  }

  /** pay-api with everything it needs, and {@code settings}; no Temporal, no port taken. */
  private static void start(String... settings) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:start-" + UUID.randomUUID(),
                "--spring.temporal.test-server.enabled=true",
                "--notify.signing.secrets=" + Credentials.SECRET,
                "--notify.account-api-key=k",
                "--pay-api.security.client-keys=shop:k1",
                "--pay-api.security.query-keys=account-api:k2",
                "--pay-api.security.operator-keys=ops:k3"));
    arguments.addAll(List.of(settings));
    SpringApplication.run(PayApiApplication.class, arguments.toArray(String[]::new)).close();
  }
}
