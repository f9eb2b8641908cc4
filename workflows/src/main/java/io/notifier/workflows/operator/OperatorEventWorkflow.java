package io.notifier.workflows.operator;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * Sends one operator event, retried until it gets through or its window closes: a child of the
 * notification's workflow that outlives it (ParentClosePolicy ABANDON), so a slow or absent
 * operator endpoint never holds a notification up. Its workflow id is the event's id.
 */
@WorkflowInterface
public interface OperatorEventWorkflow {

  String TYPE = "OperatorEvent";

  @WorkflowMethod(name = TYPE)
  void send(OperatorEvent event, Duration window);
}
