package io.notifier.workflows.support;

import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationFailures;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A stand-in for the reconciliation activity: account-api asking pay-api and settling. */
public final class FakeAccountApi implements ReconciliationActivities {

  private final Supplier<Instant> clock;
  private final List<Instant> reconciliations = new CopyOnWriteArrayList<>();
  private volatile String payResult = RechargeNotification.SUCCESS;
  private volatile boolean creditedBefore;
  private volatile boolean refuses;
  private volatile boolean unavailable;

  FakeAccountApi(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** pay-api's query interface will report {@code result} ("fail", or "unknown" for a 404). */
  public void payApiReports(String result) {
    payResult = result;
  }

  /** A delivery got through before reconciliation asked. */
  public void creditedBefore() {
    creditedBefore = true;
  }

  /** account-api refuses the reconciliation for good (a 4xx). */
  public void refuses() {
    refuses = true;
  }

  /** account-api, or pay-api behind it, cannot be reached: every attempt fails, to be retried. */
  public void unavailable() {
    unavailable = true;
  }

  /** When each reconciliation attempt came, in the test server's time. */
  public List<Instant> reconciliations() {
    return List.copyOf(reconciliations);
  }

  @Override
  public ReconciliationResult reconcile(String txNo) {
    reconciliations.add(clock.get());
    if (refuses) {
      throw ApplicationFailure.newBuilder()
          .setType(ReconciliationFailures.RECONCILIATION_REJECTED)
          .setMessage("HTTP 422 from the fake account-api")
          .setNonRetryable(true)
          .build();
    }
    if (unavailable) {
      throw ApplicationFailure.newBuilder()
          .setType(ReconciliationFailures.RECONCILIATION_FAILED)
          .setMessage("HTTP 502 from the fake account-api")
          .build();
    }
    boolean paid = RechargeNotification.SUCCESS.equals(payResult);
    return new ReconciliationResult(
        txNo, payResult, paid && !creditedBefore, paid && creditedBefore);
  }
}
