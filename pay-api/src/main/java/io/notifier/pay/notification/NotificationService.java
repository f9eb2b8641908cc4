package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.web.Problems;
import io.notifier.workflows.NotificationStatus;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** A recharge's notification, seen and steered through its workflow. */
@Service
class NotificationService {

  private final WorkflowClient client;

  NotificationService(WorkflowClient client) {
    this.client = client;
  }

  /** The workflow's {@code status} query; PENDING while the relay has yet to start it. */
  NotificationStatus status(Recharge recharge) {
    try {
      return workflowOf(recharge).status();
    } catch (WorkflowException e) {
      if (notFound(e)) {
        return pending(recharge);
      }
      throw unavailable(recharge, e);
    }
  }

  /** Sends the {@code reconcile} signal, and answers with the status after it. */
  NotificationStatus reconcile(Recharge recharge) {
    try {
      workflowOf(recharge).reconcile();
    } catch (WorkflowException e) {
      if (!notFound(e)) {
        throw unavailable(recharge, e);
      }
      NotificationStatus status = status(recharge);
      throw Problems.conflict(
          "Nothing to reconcile",
          status.status() == NotifyStatus.PENDING
              ? "The notification of " + recharge.txNo() + " has not started yet."
              : "The notification of " + recharge.txNo() + " is already " + status.status() + ".");
    }
    return status(recharge);
  }

  private NotifyWorkflow workflowOf(Recharge recharge) {
    return client.newWorkflowStub(NotifyWorkflow.class, NotifyWorkflow.workflowId(recharge.txNo()));
  }

  private static boolean notFound(WorkflowException e) {
    return e instanceof WorkflowNotFoundException
        || e.getCause() instanceof WorkflowNotFoundException;
  }

  private static NotificationStatus pending(Recharge recharge) {
    return new NotificationStatus(
        recharge.txNo(),
        NotifyWorkflow.workflowId(recharge.txNo()),
        NotifyStatus.PENDING,
        0,
        null,
        null,
        null,
        null,
        null,
        List.of());
  }

  private static RuntimeException unavailable(Recharge recharge, WorkflowException e) {
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Temporal unavailable",
        "Could not reach the notification of " + recharge.txNo() + ": " + e.getMessage());
  }
}
