package io.notifier.workflows.legacy;

import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The workflow type {@code NotifyWorkflowV2}, under which notifications were started from the time
 * the first attempt moved into the first workflow task until their state had one owner and no
 * ending left an account unpaid ({@code NotifyWorkflowV3}). Its executions still running keep it:
 * the worker registers it until the last of them has ended (its window and reconciliation limit).
 */
@WorkflowInterface
public interface NotifyWorkflowV2 {

  @WorkflowMethod(name = "NotifyWorkflowV2")
  NotificationState notifyRecharge(NotifyRequest request);

  @SignalMethod(name = "reconcile")
  void reconcile();

  @QueryMethod(name = "status")
  NotificationState status();
}
