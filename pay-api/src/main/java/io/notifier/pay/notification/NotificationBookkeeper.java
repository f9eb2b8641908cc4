package io.notifier.pay.notification;

import io.notifier.pay.notification.NotificationLedger.Outcome;
import io.notifier.pay.notification.NotificationLedger.Recorded;
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
 * pay-api's bookkeeping of its notifications — that each started, how each ended — written in
 * batches off the request's and the activities' threads: a recharge is answered after its INSERT
 * and its start, and a delivery does not wait for pay-api's database. What a crash loses before its
 * batch is written is repaired: a start not marked by the relay (Temporal refuses it again and it
 * is marked), an outcome by the sweeper (it reads it from the workflow).
 */
@Component
class NotificationBookkeeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(NotificationBookkeeper.class);
  private static final long FLUSH_EVERY_MILLIS = 100;
  private static final int BATCH = 500;

  private record Started(String txNo, Instant at) {}

  private final RechargeRepository recharges;
  private final NotificationLedger ledger;
  private final TransactionTemplate transaction;
  private final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
  private final BlockingQueue<Recorded> ended = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("notify-bookkeeping").daemon().unstarted(runnable));

  NotificationBookkeeper(
      RechargeRepository recharges,
      NotificationLedger ledger,
      PlatformTransactionManager transactions) {
    this.recharges = recharges;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactions);
    flusher.scheduleWithFixedDelay(
        this::flush, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  void started(String txNo, Instant at) {
    started.add(new Started(txNo, at));
  }

  void ended(String txNo, Outcome outcome) {
    ended.add(new Recorded(txNo, outcome));
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
    List<Recorded> outcomes = new ArrayList<>();
    while (ended.drainTo(outcomes, BATCH) > 0) {
      try {
        ledger.recordAll(outcomes);
      } catch (RuntimeException e) {
        log.warn(
            "Could not record {} outcomes; the sweeper will: {}", outcomes.size(), e.toString());
      }
      outcomes.clear();
    }
  }

  @Override
  public void destroy() {
    flusher.shutdown();
    flush();
  }
}
