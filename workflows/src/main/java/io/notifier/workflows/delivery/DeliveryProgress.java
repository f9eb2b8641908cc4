package io.notifier.workflows.delivery;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What the server knows of a delivery being retried, which the workflow itself never hears of: run
 * as a local activity before a reconcile request cancels the delivery, because a cancelled attempt
 * that was waiting for its turn reports nothing back.
 */
@ActivityInterface
public interface DeliveryProgress {

  /** The failed attempts of the pending delivery of workflow {@code workflowId}, oldest first. */
  @ActivityMethod
  FailedAttempts failedAttempts(String workflowId);
}
