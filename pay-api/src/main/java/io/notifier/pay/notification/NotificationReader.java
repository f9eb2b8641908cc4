package io.notifier.pay.notification;

import com.google.protobuf.Timestamp;
import io.notifier.activities.delivery.PendingDelivery;
import io.notifier.pay.recharge.Recharge;
import io.notifier.web.Problems;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Puts a notification's view together from what Temporal already keeps, without a workflow task:
 * while deliveries are retried, the pending Deliver activity (its attempt, last failure, next
 * attempt and the failed attempts in its heartbeat details); otherwise the short history (how the
 * delivery ended, the reconciliation timer, the result).
 */
@Component
class NotificationReader {

  private final WorkflowClient client;
  private final NotificationLedger ledger;
  private final WebUiLinks links;
  private final DataConverter converter;

  NotificationReader(WorkflowClient client, NotificationLedger ledger, WebUiLinks links) {
    this.client = client;
    this.ledger = ledger;
    this.links = links;
    this.converter = client.getOptions().getDataConverter();
  }

  NotificationView read(Recharge recharge) {
    String workflowId = NotifyWorkflow.workflowId(recharge.txNo());
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowException e) {
      if (notFound(e)) {
        return withoutWorkflow(recharge);
      }
      throw unavailable(recharge, e);
    }
    Optional<PendingActivityInfo> delivery = PendingDelivery.of(description);
    if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        && delivery.isPresent()) {
      return delivering(recharge, description, delivery.get());
    }
    return fromHistory(recharge, description);
  }

  static boolean notFound(WorkflowException e) {
    return e instanceof WorkflowNotFoundException
        || e.getCause() instanceof WorkflowNotFoundException;
  }

  static RuntimeException unavailable(Recharge recharge, Exception e) {
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Temporal unavailable",
        "Could not reach the notification of " + recharge.txNo() + ": " + e.getMessage());
  }

  /** Deliveries are being retried on the server: the pending activity says how it goes. */
  private NotificationView delivering(
      Recharge recharge, WorkflowExecutionDescription description, PendingActivityInfo activity) {
    // An attempt in flight may have left its own failure in the heartbeat a moment before it
    // reports it: the view stays at the last attempt that ended.
    int current = activity.getAttempt();
    FailedAttempts heartbeat = failedAttempts(activity.getHeartbeatDetails());
    FailedAttempts failures =
        new FailedAttempts(
            heartbeat.recent().stream().filter(failure -> failure.attempt() < current).toList());
    Instant windowClosesAt =
        activity.hasExpirationTime() ? instant(activity.getExpirationTime()) : null;
    return new NotificationView(
        recharge.txNo(),
        NotifyWorkflow.workflowId(recharge.txNo()),
        statusOf(description),
        Math.max(current - 1, failures.count()),
        activity.hasLastFailure() ? activity.getLastFailure().getMessage() : null,
        nextAttempt(activity, windowClosesAt),
        windowClosesAt,
        null,
        null,
        failures.recent(),
        links.of(recharge.txNo(), description.getExecution().getRunId()));
  }

  /**
   * When the next attempt starts: the server's own figure where it gives one (a real server),
   * otherwise the end of the last attempt plus the delay that attempt asked for. None while an
   * attempt is in flight, or when the next would fall after the window (the server gives up then).
   */
  private static Instant nextAttempt(PendingActivityInfo activity, Instant windowClosesAt) {
    if (activity.getAttempt() < 2 || inFlight(activity)) {
      return null;
    }
    Instant next;
    if (activity.hasNextAttemptScheduleTime()) {
      next = instant(activity.getNextAttemptScheduleTime());
    } else if (activity.hasLastAttemptCompleteTime()
        && activity.getLastFailure().getApplicationFailureInfo().hasNextRetryDelay()) {
      com.google.protobuf.Duration delay =
          activity.getLastFailure().getApplicationFailureInfo().getNextRetryDelay();
      next =
          instant(activity.getLastAttemptCompleteTime())
              .plusSeconds(delay.getSeconds())
              .plusNanos(delay.getNanos());
    } else {
      return null;
    }
    return windowClosesAt != null && next.isAfter(windowClosesAt) ? null : next;
  }

  /**
   * Whether an attempt is running now. The Java test server reports a retry that waits for its turn
   * as STARTED too; the times tell: a running attempt started after the last one ended.
   */
  private static boolean inFlight(PendingActivityInfo activity) {
    if (activity.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
      return false;
    }
    return !activity.hasLastAttemptCompleteTime()
        || instant(activity.getLastStartedTime())
            .isAfter(instant(activity.getLastAttemptCompleteTime()));
  }

  /** Delivery is over: the history tells how it ended, and what came after. */
  private NotificationView fromHistory(
      Recharge recharge, WorkflowExecutionDescription description) {
    List<HistoryEvent> events =
        client
            .fetchHistory(
                description.getExecution().getWorkflowId(), description.getExecution().getRunId())
            .getEvents();
    HistoryEvent last = events.getLast();
    if (last.hasWorkflowExecutionCompletedEventAttributes()) {
      NotificationState result =
          converter.fromPayloads(
              0,
              Optional.of(last.getWorkflowExecutionCompletedEventAttributes().getResult()),
              NotificationState.class,
              NotificationState.class);
      return viewOf(result, links.of(recharge.txNo(), description.getExecution().getRunId()));
    }
    Story story = new Story();
    events.forEach(story::add);
    Instant nextAttemptAt = story.reconcileAt;
    String lastError = story.lastError;
    for (PendingActivityInfo activity :
        description.getRawDescription().getPendingActivitiesList()) {
      if (activity.hasLastFailure()) {
        lastError = "reconciliation failed: " + activity.getLastFailure().getMessage();
      }
      nextAttemptAt = nextAttempt(activity, null);
    }
    NotifyStatus status = statusOf(description);
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      // Terminated, timed out, failed or cancelled by hand: not one of the notifier's endings.
      lastError =
          "the notification's workflow is "
              + description.getStatus().name().substring("WORKFLOW_EXECUTION_STATUS_".length());
    }
    return new NotificationView(
        recharge.txNo(),
        NotifyWorkflow.workflowId(recharge.txNo()),
        status,
        story.attempts,
        lastError,
        nextAttemptAt,
        story.windowClosesAt,
        description.getCloseTime(),
        null,
        story.failures.recent(),
        links.of(recharge.txNo(), description.getExecution().getRunId()));
  }

  /** What the history tells of the delivery and of the reconciliation timer. */
  private final class Story {
    long deliveryEventId;
    int attempts;
    String lastError;
    FailedAttempts failures = FailedAttempts.NONE;
    Instant windowClosesAt;
    Instant reconcileAt;

    void add(HistoryEvent event) {
      if (event.hasActivityTaskScheduledEventAttributes()
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals(PendingDelivery.ACTIVITY_TYPE)) {
        deliveryEventId = event.getEventId();
        var timeout = event.getActivityTaskScheduledEventAttributes().getScheduleToCloseTimeout();
        windowClosesAt =
            instant(event.getEventTime())
                .plusSeconds(timeout.getSeconds())
                .plusNanos(timeout.getNanos());
      } else if (event.hasActivityTaskCompletedEventAttributes()
          && event.getActivityTaskCompletedEventAttributes().getScheduledEventId()
              == deliveryEventId) {
        attempts =
            converter
                .fromPayloads(
                    0,
                    Optional.of(event.getActivityTaskCompletedEventAttributes().getResult()),
                    DeliveryReceipt.class,
                    DeliveryReceipt.class)
                .attempt();
      } else if (event.hasActivityTaskFailedEventAttributes()
          && event.getActivityTaskFailedEventAttributes().getScheduledEventId()
              == deliveryEventId) {
        ended(event.getActivityTaskFailedEventAttributes().getFailure());
      } else if (event.hasActivityTaskTimedOutEventAttributes()
          && event.getActivityTaskTimedOutEventAttributes().getScheduledEventId()
              == deliveryEventId) {
        ended(event.getActivityTaskTimedOutEventAttributes().getFailure());
      } else if (isFailedAttemptsMarker(event)) {
        // What the workflow read of the delivery before a reconcile request cancelled it.
        learn(failedAttempts(event.getMarkerRecordedEventAttributes().getDetailsOrThrow("result")));
      } else if (event.hasTimerStartedEventAttributes()) {
        var timeout = event.getTimerStartedEventAttributes().getStartToFireTimeout();
        reconcileAt =
            instant(event.getEventTime())
                .plusSeconds(timeout.getSeconds())
                .plusNanos(timeout.getNanos());
      } else if (event.hasTimerFiredEventAttributes() || event.hasTimerCanceledEventAttributes()) {
        reconcileAt = null;
      } else if (event.hasActivityTaskScheduledEventAttributes()) {
        reconcileAt = null; // the reconciliation itself began
      }
    }

    /** The marker of the local activity FailedAttempts (DeliveryProgress.failedAttempts). */
    private boolean isFailedAttemptsMarker(HistoryEvent event) {
      if (!event.hasMarkerRecordedEventAttributes()) {
        return false;
      }
      var details = event.getMarkerRecordedEventAttributes().getDetailsMap();
      return details.containsKey("result")
          && details.containsKey("type")
          && "FailedAttempts"
              .equals(
                  converter.fromPayloads(
                      0, Optional.of(details.get("type")), String.class, String.class));
    }

    private void ended(Failure failure) {
      for (Failure cause = failure; ; cause = cause.getCause()) {
        if (cause.hasApplicationFailureInfo()) {
          lastError = cause.getMessage();
          learn(failedAttempts(cause.getApplicationFailureInfo().getDetails()));
          return;
        }
        if (!cause.hasCause()) {
          lastError = cause.getMessage();
          return;
        }
      }
    }

    private void learn(FailedAttempts failed) {
      if (failed.count() > 0) {
        failures = failed;
        attempts = failed.count();
        lastError = failed.recent().getLast().error();
      }
    }
  }

  private FailedAttempts failedAttempts(Payloads details) {
    return PendingDelivery.failedAttempts(details, converter);
  }

  private static NotifyStatus statusOf(WorkflowExecutionDescription description) {
    String status =
        description.getTypedSearchAttributes().get(NotifySearchAttributes.NOTIFY_STATUS);
    return status == null ? NotifyStatus.NOTIFYING : NotifyStatus.valueOf(status);
  }

  private static NotificationView viewOf(NotificationState state, String webUi) {
    return new NotificationView(
        state.txNo(),
        state.workflowId(),
        state.status(),
        state.attempts(),
        state.lastError(),
        state.nextAttemptAt(),
        state.windowClosesAt(),
        state.finishedAt(),
        state.payResult(),
        state.recentFailures(),
        webUi);
  }

  /**
   * No workflow: not started yet (the relay will), or gone after the namespace's retention, when
   * pay-api's own record of the outcome answers — or the sweeper will start it again.
   */
  private NotificationView withoutWorkflow(Recharge recharge) {
    Optional<NotificationLedger.Outcome> outcome = ledger.outcomeOf(recharge.txNo());
    String lastError =
        recharge.notifyStartedAt() == null
            ? null
            : "its workflow is gone; the sweeper will start it again";
    return new NotificationView(
        recharge.txNo(),
        NotifyWorkflow.workflowId(recharge.txNo()),
        outcome.map(NotificationLedger.Outcome::status).orElse(NotifyStatus.PENDING),
        0,
        outcome.map(NotificationLedger.Outcome::reason).orElse(lastError),
        null,
        null,
        outcome.map(NotificationLedger.Outcome::finishedAt).orElse(null),
        null,
        List.<FailedAttempt>of(),
        null);
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
