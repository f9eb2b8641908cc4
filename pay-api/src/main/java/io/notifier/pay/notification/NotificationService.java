package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.web.Problems;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * A recharge's notification, seen and steered through its workflow: the operator's moves are the
 * workflow's signals, sent only where they apply, so a refused move changes nothing.
 */
@Service
class NotificationService {

  private final WorkflowClient client;
  private final NotificationReader reader;

  NotificationService(WorkflowClient client, NotificationReader reader) {
    this.client = client;
    this.reader = reader;
  }

  /** Where the notification stands; PENDING while the relay has yet to start it. */
  NotificationView status(Recharge recharge, boolean operator) {
    return reader.read(recharge, operator);
  }

  /** Sends {@code reconcile}: reconcile now instead of after the window, or again. */
  NotificationView reconcile(Recharge recharge) {
    NotificationView now = status(recharge, true);
    requireUnfinished(recharge, now, "reconcile");
    return signal(recharge, NotifyWorkflow::reconcile);
  }

  /** Sends {@code retry}: deliver again a notification that needs attention. */
  NotificationView retry(Recharge recharge) {
    NotificationView now = status(recharge, true);
    requireUnfinished(recharge, now, "retry");
    if (now.status() != NotifyStatus.NEEDS_ATTENTION) {
      throw Problems.conflict(
          "Nothing to retry",
          "The notification of "
              + recharge.txNo()
              + " is "
              + now.status()
              + "; only one that NEEDS_ATTENTION is delivered again.");
    }
    return signal(recharge, NotifyWorkflow::retry);
  }

  /** Sends {@code close} with the operator's reason, and who gave it. */
  NotificationView close(Recharge recharge, String reason, String operator) {
    NotificationView now = status(recharge, true);
    requireUnfinished(recharge, now, "close");
    return signal(recharge, workflow -> workflow.close(reason + " (" + operator + ")"));
  }

  private void requireUnfinished(Recharge recharge, NotificationView now, String move) {
    if (now.status() == NotifyStatus.PENDING) {
      throw Problems.conflict(
          "Nothing to " + move, "The notification of " + recharge.txNo() + " has not started yet.");
    }
    if (now.status().finished()) {
      throw Problems.conflict(
          "Nothing to " + move,
          "The notification of " + recharge.txNo() + " is already " + now.status() + ".");
    }
  }

  private NotificationView signal(Recharge recharge, Consumer<NotifyWorkflow> move) {
    try {
      move.accept(
          client.newWorkflowStub(NotifyWorkflow.class, NotifyWorkflow.workflowId(recharge.txNo())));
    } catch (WorkflowException e) {
      if (NotificationReader.notFound(e)) {
        throw Problems.conflict(
            "Nothing to steer", "The notification of " + recharge.txNo() + " ended a moment ago.");
      }
      throw NotificationReader.unavailable(recharge, e);
    }
    return status(recharge, true);
  }
}
