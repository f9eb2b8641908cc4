package io.notifier.activities.delivery;

import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;

/** Reads a delivery that the server is retrying out of a description of its workflow. */
public final class PendingDelivery {

  /** The delivery activity's type: the method name of {@code DeliveryActivities.deliver}. */
  public static final String ACTIVITY_TYPE = "Deliver";

  private PendingDelivery() {}

  /** The pending Deliver activity, while the delivery is being retried. */
  public static Optional<PendingActivityInfo> of(WorkflowExecutionDescription description) {
    return description.getRawDescription().getPendingActivitiesList().stream()
        .filter(activity -> activity.getActivityType().getName().equals(ACTIVITY_TYPE))
        .findFirst();
  }

  /** The failed attempts a failing attempt left in heartbeat or failure details. */
  public static FailedAttempts failedAttempts(Payloads details, DataConverter converter) {
    if (details.getPayloadsCount() == 0) {
      return FailedAttempts.NONE;
    }
    return converter.fromPayloads(
        0, Optional.of(details), FailedAttempts.class, FailedAttempts.class);
  }
}
