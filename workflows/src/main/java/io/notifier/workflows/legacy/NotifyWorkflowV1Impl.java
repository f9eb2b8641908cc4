package io.notifier.workflows.legacy;

import io.notifier.workflows.NotificationFlow;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyRequest;

/** Runs the executions of the type {@code NotifyWorkflow}: every attempt on the server. */
public class NotifyWorkflowV1Impl extends NotificationFlow implements NotifyWorkflowV1 {

  public NotifyWorkflowV1Impl() {
    super(false);
  }

  @Override
  public NotificationState notifyRecharge(NotifyRequest request) {
    return run(request);
  }
}
