package io.notifier.workflows.legacy;

import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The workflow type {@code NotifyWorkflow}, under which notifications were started until the first
 * attempt moved into the first workflow task ({@code NotifyWorkflowV2}). Its executions still
 * running keep it: the worker registers both types until the last of them has ended (their window
 * and reconciliation limit: at most eight days after the change was deployed).
 */
@WorkflowInterface
public interface NotifyWorkflowV1 {

  @WorkflowMethod(name = "NotifyWorkflow")
  NotificationState notifyRecharge(NotifyRequest request);

  @SignalMethod(name = "reconcile")
  void reconcile();

  @QueryMethod(name = "status")
  NotificationState status();
}
