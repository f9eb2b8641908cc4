package io.notifier.pay.notification;

import io.notifier.pay.notification.NotificationLedger.Outcome;
import io.notifier.pay.notification.NotificationLedger.Recorded;
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

/**
 * Writes the outcomes the worker learns into the ledger, in batches, off the activities' threads: a
 * delivery does not wait for pay-api's bookkeeping. An outcome lost in a crash before its batch is
 * written is not lost for good: the sweeper reads it from the workflow later.
 */
@Component
class OutcomeRecorder implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
  private static final long FLUSH_EVERY_MILLIS = 200;
  private static final int BATCH = 500;

  private final NotificationLedger ledger;
  private final BlockingQueue<Recorded> pending = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("notify-outcomes").daemon().unstarted(runnable));

  OutcomeRecorder(NotificationLedger ledger) {
    this.ledger = ledger;
    flusher.scheduleWithFixedDelay(
        this::flush, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  void record(String txNo, Outcome outcome) {
    pending.add(new Recorded(txNo, outcome));
  }

  void flush() {
    List<Recorded> batch = new ArrayList<>();
    while (pending.drainTo(batch, BATCH) > 0) {
      try {
        ledger.recordAll(batch);
      } catch (RuntimeException e) {
        log.warn("Could not record {} outcomes; the sweeper will: {}", batch.size(), e.toString());
      }
      batch.clear();
    }
  }

  @Override
  public void destroy() {
    flusher.shutdown();
    flush();
  }
}
