package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.outcome.NotificationOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The gauges the alerts NotifyRelayBacklog and NotifyWaitingTooLong read (docs/ops/alerts.yml), as
 * Prometheus scrapes them: each counts exactly the recharges it is about in account_pay, and none
 * of the others. A context of its own (the relay's grace below), so account_pay holds only the rows
 * each test records.
 */
@TestPropertySource(properties = "notify.relay.grace=30s")
class NotificationBacklogMetricsTest extends PayApiIntegrationTest {

  @Autowired NotificationBacklogMetrics metrics;
  @Autowired RechargeRepository recharges;
  @Autowired NotificationLedger ledger;
  @Autowired MeterRegistry applicationMetrics;

  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeEach
  void noRechargesYet() {
    jdbc.sql("DELETE FROM account_pay").update();
    metrics.bindTo(prometheus);
  }

  @Test
  void withNothingPendingBothAreZero() {
    recorded(ago(Duration.ofHours(3)), ago(Duration.ofHours(3)), NotifyStatus.NOTIFIED);

    assertThat(scraped("notify_relay_backlog")).isZero();
    assertThat(scraped("notify_unsettled_oldest_age_seconds")).isZero();
  }

  @Test
  void theRelayBacklogCountsTheRechargesOlderThanTheGraceWhoseNotificationNeverStarted() {
    recorded(ago(Duration.ofMinutes(1)), null, null);
    recorded(ago(Duration.ofHours(5)), null, null);
    recorded(ago(Duration.ofSeconds(5)), null, null); // within the grace: a request in flight
    recorded(ago(Duration.ofMinutes(1)), ago(Duration.ofMinutes(1)), null); // started
    recorded(ago(Duration.ofMinutes(2)), ago(Duration.ofMinutes(2)), NotifyStatus.RECONCILED);

    assertThat(scraped("notify_relay_backlog")).isEqualTo(2.0);
    assertThat(applicationMetrics.get("notify.relay.backlog").gauge().value()).isEqualTo(2.0);
  }

  @Test
  void theOldestUnsettledAgeIsTheOldestStartedNotificationThatHasNotEnded() {
    recorded(ago(Duration.ofHours(2)), ago(Duration.ofHours(1)), null); // running, or waiting
    recorded(ago(Duration.ofMinutes(10)), ago(Duration.ofMinutes(10)), null);
    recorded(ago(Duration.ofHours(9)), ago(Duration.ofHours(9)), NotifyStatus.NOTIFIED);
    recorded(ago(Duration.ofHours(8)), ago(Duration.ofHours(8)), NotifyStatus.CLOSED);
    recorded(ago(Duration.ofHours(7)), null, null); // never started: the relay's, not this one's

    assertThat(scraped("notify_unsettled_oldest_age_seconds")).isCloseTo(3600.0, within(60.0));
    assertThat(applicationMetrics.get("notify.unsettled.oldest.age").gauge().value())
        .isCloseTo(3600.0, within(60.0));
  }

  /** A recharge recorded at {@code createdAt}, its notification started and ended as given. */
  private void recorded(Instant createdAt, Instant startedAt, NotifyStatus ended) {
    String txNo = "tx-" + UUID.randomUUID();
    recharges.insert(txNo, "1", new BigDecimal("1.00"), "success", "shop", null, createdAt);
    if (startedAt != null) {
      recharges.markNotificationStarted(txNo, startedAt);
    }
    if (ended != null) {
      ledger.record(
          new NotificationOutcome(txNo, ended, startedAt.plusSeconds(1), 1, null, "ended", null));
    }
  }

  private static Instant ago(Duration duration) {
    return Instant.now().minus(duration);
  }

  /** The value of a sample without labels, as Prometheus reads it at /actuator/prometheus. */
  private double scraped(String name) {
    return prometheus
        .scrape()
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in:\n" + prometheus.scrape()));
  }
}
