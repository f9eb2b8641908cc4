package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.web.Problems;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import org.springframework.stereotype.Service;

/** A recharge's notification, seen and steered through its workflow. */
@Service
class NotificationService {

  private final WorkflowClient client;
  private final NotificationReader reader;

  NotificationService(WorkflowClient client, NotificationReader reader) {
    this.client = client;
    this.reader = reader;
  }

  /** Where the notification stands; PENDING while the relay has yet to start it. */
  NotificationView status(Recharge recharge) {
    return reader.read(recharge);
  }

  /** Sends the {@code reconcile} signal, and answers with the status after it. */
  NotificationView reconcile(Recharge recharge) {
    try {
      client
          .newWorkflowStub(NotifyWorkflow.class, NotifyWorkflow.workflowId(recharge.txNo()))
          .reconcile();
    } catch (WorkflowException e) {
      if (!NotificationReader.notFound(e)) {
        throw NotificationReader.unavailable(recharge, e);
      }
      NotificationView status = status(recharge);
      throw Problems.conflict(
          "Nothing to reconcile",
          status.status() == NotifyStatus.PENDING
              ? "The notification of " + recharge.txNo() + " has not started yet."
              : "The notification of " + recharge.txNo() + " is already " + status.status() + ".");
    }
    return status(recharge);
  }
}
