package io.notifier.activities.delivery;

import io.notifier.workflows.delivery.DeliveryProgress;
import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.client.WorkflowClient;

/** Describes the workflow and reads the failed attempts its pending delivery left on the server. */
public final class DeliveryProgressImpl implements DeliveryProgress {

  private final WorkflowClient client;

  public DeliveryProgressImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public FailedAttempts failedAttempts(String workflowId) {
    return PendingDelivery.of(client.newUntypedWorkflowStub(workflowId).describe())
        .map(
            delivery ->
                PendingDelivery.failedAttempts(
                    delivery.getHeartbeatDetails(), client.getOptions().getDataConverter()))
        .orElse(FailedAttempts.NONE);
  }
}
