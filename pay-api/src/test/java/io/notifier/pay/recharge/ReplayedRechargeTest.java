package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What a recharge is answered with the first time is what it is answered with ever after: its
 * creation time comes back from the database as it was first said, to the millisecond.
 */
class ReplayedRechargeTest extends PayApiIntegrationTest {

  /** A time with milliseconds, which the database must keep: 18:19:17.745, never 18:19:17. */
  private static final Instant NOW = Instant.parse("2025-01-02T18:19:17.745Z");

  @TestBean Clock clock;

  static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Test
  void aReplayedRechargeAnswersExactlyWhatTheFirstAnswerSaidToTheMillisecond() throws Exception {
    String key = "replay-" + UUID.randomUUID();
    MvcTestResult first = recharge(key);

    MvcTestResult replay = recharge(key);

    assertThat(first).hasStatus(HttpStatus.CREATED);
    assertThat(first).bodyJson().extractingPath("$.createdAt").isEqualTo(NOW.toString());
    assertThat(replay).hasStatus(HttpStatus.OK);
    assertThat(replay.getResponse().getContentAsString())
        .isEqualTo(first.getResponse().getContentAsString());
  }

  @Test
  void theQueryInterfaceAnswersTheCreationTimeTheRechargeWasAnsweredWith() throws Exception {
    MvcTestResult recorded = recharge("query-" + UUID.randomUUID());
    String txNo = recorded.getResponse().getHeader("Location").replaceFirst(".*/", "");

    MvcTestResult read =
        mvc.get().uri("/api/recharges/{txNo}", txNo).with(Credentials.client()).exchange();

    assertThat(read).hasStatusOk();
    assertThat(read.getResponse().getContentAsString())
        .isEqualTo(recorded.getResponse().getContentAsString());
  }

  private MvcTestResult recharge(String idempotencyKey) {
    return mvc.post()
        .uri("/api/recharges")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", idempotencyKey)
        .content("{\"accountNo\":\"1\",\"amount\":\"5.00\"}")
        .with(Credentials.client())
        .exchange();
  }
}
