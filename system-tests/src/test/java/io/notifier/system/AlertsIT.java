package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert rules the project ships (docs/ops/alerts.yml), evaluated by a real Prometheus that
 * scrapes the running services as a deployment's would: the alert about a failing receiver fires
 * when account-api has been down long enough, and resolves once it is back. The rules are the
 * shipped ones with every duration thirty times shorter ({@link AlertRules#shortened}: a minute of
 * production is two seconds here); their expressions, thresholds and annotations are unchanged.
 */
class AlertsIT {

  private static final int SHORTER = 30;
  private static final String RECEIVER_FAILING = "NotifyReceiverFailing";

  /**
   * Scrapes, then the SDK's metrics reach Micrometer every 10 s, then the 30 s window and the 20 s
   * of {@code for:}, on two busy cores.
   */
  private static final Duration ALERT_DEADLINE = Duration.ofSeconds(120);

  @Test
  void whenAccountApiIsDownLongEnoughTheReceiverAlertFiresAndResolvesOnceItIsBack()
      throws Exception {
    try (EmbeddedStack stack = new EmbeddedStack("alerts")) {
      stack.payApiWindow = Duration.ofMinutes(5); // still retrying, every 2 s, all along the outage
      stack.start();
      Path rules = AlertRules.shortened(SHORTER, Files.createTempDirectory("notifier-rules-"));
      try (PrometheusServer prometheus =
          new PrometheusServer(
                  Map.of("pay-api", stack.payApiPort, "account-api", stack.accountApiPort),
                  NotifierStack.OPERATOR_KEY,
                  rules,
                  stack.logs)
              .start()) {
        // Delivered at once; and pay-api now knows account 2 for a minute, without account-api.
        String delivered = stack.recharge("2", "1.00");
        stack.awaitNotification(delivered, "NOTIFIED", Duration.ofSeconds(10));
        await("every shipped rule loaded and evaluated without error")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(prometheus.ruleHealth())
                        .hasSize(11)
                        .allSatisfy((rule, health) -> assertThat(health).isEqualTo("ok")));
        // Both scraped whole: Prometheus drops a scrape it cannot parse, and the alerts go silent.
        await("pay-api and account-api scraped")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> prometheus.query("count(up == 1)"), up -> up == 2);
        assertThat(prometheus.state(RECEIVER_FAILING)).isEqualTo("inactive");

        stack.stopAccountApi();
        String pending = stack.recharge("2", "8.00");
        await(RECEIVER_FAILING + " firing while account-api is down")
            .atMost(ALERT_DEADLINE)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> prometheus.state(RECEIVER_FAILING), "firing"::equals);
        assertThat(stack.notification(pending).path("status").asString()).isEqualTo("NOTIFYING");

        stack.startAccountApi();
        stack.awaitNotification(pending, "NOTIFIED", Duration.ofSeconds(30));
        await(RECEIVER_FAILING + " resolved once account-api is back")
            .atMost(ALERT_DEADLINE)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> prometheus.state(RECEIVER_FAILING), "inactive"::equals);

        // The names the rules read are the names the services export.
        assertThat(prometheus.metricNames())
            .contains(
                "notify_delivery_attempts_total",
                "notify_relay_backlog",
                "notify_unsettled_oldest_age_seconds",
                "notify_sweeper_restarted_total",
                // the receiver.recovered event of the pending notification, sent
                "notify_operator_events_total",
                "temporal_worker_task_slots_available",
                "temporal_workflow_task_schedule_to_start_latency_seconds_count");
        assertThat(prometheus.query("max(notify_relay_backlog)")).isZero();
      }
    }
  }
}
