package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The safety net under "start after commit": starts the notification of every recharge whose start
 * was never confirmed (Temporal was unreachable, or the process died in between). Starting is
 * idempotent, so racing a request is harmless; one pay-api instance relays at a time.
 */
@Component
class NotificationRelay implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

  private final RechargeRepository recharges;
  private final NotificationStarter starter;
  private final NotificationLocks locks;
  private final NotifyProperties.Relay relay;
  private final Clock clock;

  NotificationRelay(
      RechargeRepository recharges,
      NotificationStarter starter,
      NotificationLocks locks,
      NotifyProperties properties,
      Clock clock) {
    this.recharges = recharges;
    this.starter = starter;
    this.locks = locks;
    this.relay = properties.relay();
    this.clock = clock;
  }

  /** Every {@code notify.relay.interval}, the first time one interval after start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        locks.everyInterval("notification-relay", relay.interval(), this::relayPending));
  }

  void relayPending() {
    Instant before = Instant.now(clock).minus(relay.grace());
    List<Recharge> pending = recharges.findAwaitingNotification(before, relay.batchSize());
    int started = 0;
    int failedInARow = 0;
    for (Recharge recharge : pending) {
      if (starter.start(recharge)) {
        started++;
        failedInARow = 0;
      } else if (++failedInARow == 3) {
        break; // Temporal looks unreachable: each start waits for its timeout; next round.
      }
    }
    if (!pending.isEmpty()) {
      log.info("Relay started {} of {} pending notifications", started, pending.size());
    }
  }
}
