package io.notifier.workflows.operator;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The notification workflow's side of operator events: each is a child workflow of its own, started
 * and left to run (ParentClosePolicy ABANDON). The notification waits only until the child has
 * started, one round trip, never for the event to arrive.
 *
 * <p>Deterministic: whether events are sent is read by a local activity, recorded in the history;
 * executions recorded before events existed see {@link Workflow#DEFAULT_VERSION} and send none.
 */
public final class OperatorEvents {

  /** The change that brought operator events into the notification workflow. */
  public static final String CHANGE_ID = "operator-events";

  private static final Logger log = Workflow.getLogger(OperatorEvents.class);

  private int needsAttention; // entries so far, for each entry's own event id

  /** Tells the operator that the notification entered NEEDS_ATTENTION. */
  public void needsAttention(OperatorEventData data) {
    needsAttention++;
    int entry = needsAttention;
    announce(
        OperatorEventType.NEEDS_ATTENTION,
        data,
        settings -> OperatorEventType.NEEDS_ATTENTION.idFor(data.txNo() + ":" + entry));
  }

  /** Tells the operator that reconciliation credited the account. */
  public void reconciled(OperatorEventData data) {
    announce(
        OperatorEventType.RECONCILED,
        data,
        settings -> OperatorEventType.RECONCILED.idFor(data.txNo()));
  }

  /**
   * Tells the operator that the receiver answers again, unless another notification did so in this
   * period: the first to start the period's event names it, the others find it started.
   */
  public void receiverRecovered(OperatorEventData data) {
    announce(
        OperatorEventType.RECEIVER_RECOVERED,
        data,
        settings -> OperatorEventType.periodOf(now(), settings.recoveredPeriod()));
  }

  private void announce(
      OperatorEventType type, OperatorEventData data, Function<OperatorEventSettings, String> id) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return; // begun before operator events existed: its history has no place for them
    }
    OperatorEventSettings settings = settings();
    if (!settings.enabled()) {
      return;
    }
    OperatorEvent event = new OperatorEvent(id.apply(settings), type.type(), now(), data);
    OperatorEventWorkflow child =
        Workflow.newChildWorkflowStub(
            OperatorEventWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(event.id())
                // It outlives the notification, which may complete right after starting it.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                // One event per id, ever: a recovery's period names one event for all.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary("Tell the operator: " + type.type() + " of " + data.txNo())
                .build());
    Async.procedure(child::send, event, settings.window());
    try {
      // Started, not finished: a child the server has not started yet would not outlive us.
      Workflow.getWorkflowExecution(child).get();
      log.info("Operator event {} started for {}", event.id(), data.txNo());
    } catch (ChildWorkflowFailure alreadyStarted) {
      log.info("Operator event {} was started before: not again for {}", event.id(), data.txNo());
    }
  }

  /** Today's settings, read by a local activity; without an answer, none is sent. */
  private static OperatorEventSettings settings() {
    OperatorEventActivities activities =
        Workflow.newLocalActivityStub(
            OperatorEventActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .setSummary("Read whether operator events are sent")
                .build());
    try {
      return activities.settings();
    } catch (ActivityFailure unreadable) {
      log.warn("Could not read the operator event settings: {}", unreadable.getMessage());
      return OperatorEventSettings.DISABLED;
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
