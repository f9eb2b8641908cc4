package io.notifier.workflows.legacy;

import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.FailedAttempts;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Optional;

/**
 * How the retired workflow types read an activity's failure, frozen with them: pure functions of
 * the failure, shared by {@link NotifyWorkflowV1Impl} and {@link NotifyWorkflowV2Impl} only.
 */
final class LegacyFailures {

  private LegacyFailures() {}

  /**
   * The {@link FailedAttempts} a failing attempt put in its failure; absent in histories recorded
   * before attempts carried them, and in a cancellation.
   */
  static Optional<FailedAttempts> detailsOf(ActivityFailure failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application
          && application.getDetails().getSize() == 1) {
        return Optional.of(application.getDetails().get(FailedAttempts.class));
      }
    }
    return Optional.empty();
  }

  static boolean isRejection(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure cause
        && DeliveryFailures.DELIVERY_REJECTED.equals(cause.getType());
  }

  /** The innermost message: "HTTP 422 from …", not "Activity task failed". */
  static String messageOf(ActivityFailure failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return cause.getMessage();
  }

  /**
   * Whether reconciliation settled it, as the retired types judged: anything pay-api reported but
   * "unknown" counted as settled.
   */
  static boolean agreed(ReconciliationResult result) {
    boolean nothingToCredit =
        !ReconciliationResult.UNKNOWN.equals(result.payResult())
            && !RechargeNotification.SUCCESS.equals(result.payResult());
    return result.settled() || result.alreadySettled() || nothingToCredit;
  }
}
