package io.notifier.pay.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.notifier.pay.recharge.RechargeRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What account_pay says of the notifications, for alerts (docs/ops/alerts.yml), read at each scrape
 * through the indexes the relay and the sweeper use:
 *
 * <ul>
 *   <li>{@code notify_relay_backlog}: recharges older than {@code notify.relay.grace} whose
 *       notification was never started. The relay starts them within a round or two; more that stay
 *       mean pay-api cannot start workflows (Temporal unreachable), which no counter of the relay
 *       shows, since it runs on one instance at a time and may not run at all.
 *   <li>{@code notify_unsettled_oldest_age_seconds}: how long ago the oldest notification that has
 *       not ended (NOTIFIED, RECONCILED, CLOSED) started, NEEDS_ATTENTION included; 0 when none.
 * </ul>
 *
 * Every pay-api instance reports the same database's figures: alert on their maximum. A database
 * that does not answer makes them NaN (Micrometer logs why), not zero.
 */
@Component
class NotificationBacklogMetrics implements MeterBinder {

  private final RechargeRepository recharges;
  private final NotificationLedger ledger;
  private final Duration relayGrace;
  private final Clock clock;

  NotificationBacklogMetrics(
      RechargeRepository recharges,
      NotificationLedger ledger,
      NotifyProperties properties,
      Clock clock) {
    this.recharges = recharges;
    this.ledger = ledger;
    this.relayGrace = properties.relay().grace();
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("notify.relay.backlog", this, NotificationBacklogMetrics::relayBacklog)
        .description("recharges older than notify.relay.grace whose notification never started")
        .register(registry);
    Gauge.builder("notify.unsettled.oldest.age", this, NotificationBacklogMetrics::oldestUnsettled)
        .description("how long ago the oldest notification that has not ended started")
        .baseUnit("seconds")
        .register(registry);
  }

  double relayBacklog() {
    return recharges.countAwaitingNotification(clock.instant().minus(relayGrace));
  }

  double oldestUnsettled() {
    Instant now = clock.instant();
    return ledger
        .oldestUnsettledStart()
        .map(startedAt -> Math.max(0, Duration.between(startedAt, now).toMillis() / 1000.0))
        .orElse(0.0);
  }
}
