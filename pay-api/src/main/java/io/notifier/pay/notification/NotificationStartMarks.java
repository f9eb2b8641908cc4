package io.notifier.pay.notification;

import io.notifier.pay.recharge.RechargeRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks that each notification started (account_pay.notify_started_at), in batches off the
 * request's thread: a recharge is answered after its INSERT and its start, not after a third
 * commit. A mark lost in a crash is repaired by the relay, which starts the notification again:
 * Temporal refuses the second start, and the mark is written then. It is the relay's index only;
 * how a notification stands and ends is its workflow's to say.
 */
@Component
class NotificationStartMarks implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(NotificationStartMarks.class);
  private static final long FLUSH_EVERY_MILLIS = 100;
  private static final int BATCH = 500;

  private record Started(String txNo, Instant at) {}

  private final RechargeRepository recharges;
  private final TransactionTemplate transaction;
  private final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("notify-start-marks").daemon().unstarted(runnable));

  NotificationStartMarks(RechargeRepository recharges, PlatformTransactionManager transactions) {
    this.recharges = recharges;
    this.transaction = new TransactionTemplate(transactions);
    flusher.scheduleWithFixedDelay(
        this::flush, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  void started(String txNo, Instant at) {
    started.add(new Started(txNo, at));
  }

  void flush() {
    List<Started> starts = new ArrayList<>();
    while (started.drainTo(starts, BATCH) > 0) {
      try {
        // One commit for the batch: a commit costs more than the UPDATEs in it.
        transaction.executeWithoutResult(
            status ->
                starts.forEach(
                    start -> recharges.markNotificationStarted(start.txNo(), start.at())));
      } catch (RuntimeException e) {
        log.warn("Could not mark {} starts; the relay will: {}", starts.size(), e.toString());
      }
      starts.clear();
    }
  }

  @Override
  public void destroy() {
    flusher.shutdown();
    flush();
  }
}
