package io.notifier.pay.notification;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the worker, and keeps trying until Temporal answers. The worker's start asks the frontend
 * for the namespace first (the SDK fails fast on a wrong address or namespace), within pay-api's 3
 * s deadline for a call. A pay-api started again while Temporal is busy or restarting, as in the
 * cluster's crash test, saw that call time out and exited; it need not: the API and the relay take
 * recharges without a worker (a notification Temporal cannot start yet is left to the relay), and
 * the other instances run the notifications meanwhile. A start that fails changes nothing in the
 * factory, so it is simply made again, less and less often.
 */
final class NotifyWorkerStart implements AutoCloseable {

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LONGEST_RETRY = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(NotifyWorkerStart.class);

  private final WorkerFactory factory;
  private volatile Thread retrying;

  NotifyWorkerStart(WorkerFactory factory) {
    this.factory = factory;
  }

  /**
   * Starts the worker now, or, if Temporal does not answer, in the background as soon as it does.
   */
  void start() {
    if (tryStart()) {
      return;
    }
    retrying = Thread.ofVirtual().name("notify-worker-start").start(this::retry);
  }

  boolean started() {
    return factory.isStarted();
  }

  private void retry() {
    Duration wait = FIRST_RETRY;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException closing) {
        return;
      }
      if (tryStart()) {
        return;
      }
      wait =
          wait.multipliedBy(2).compareTo(LONGEST_RETRY) < 0 ? wait.multipliedBy(2) : LONGEST_RETRY;
    }
  }

  /** True once the worker polls, or once there is nothing left to start (shut down). */
  private boolean tryStart() {
    if (factory.isShutdown() || factory.isTerminated()) {
      return true;
    }
    try {
      factory.start();
      if (retrying != null) {
        log.info("The notify worker started: Temporal answered");
      }
      return true;
    } catch (RuntimeException unanswered) {
      if (factory.isShutdown()) {
        return true;
      }
      log.warn(
          "The notify worker could not start, Temporal did not answer ({}); pay-api takes recharges"
              + " meanwhile, and the worker tries again",
          unanswered.toString());
      return false;
    }
  }

  /** Stops trying: the application is closing. */
  @Override
  public void close() {
    Thread thread = retrying;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
