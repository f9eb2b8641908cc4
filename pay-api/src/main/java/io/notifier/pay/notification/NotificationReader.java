package io.notifier.pay.notification;

import com.google.protobuf.Timestamp;
import io.notifier.activities.delivery.PendingDelivery;
import io.notifier.pay.notification.NotificationView.Attempt;
import io.notifier.pay.notification.NotificationView.Source;
import io.notifier.pay.recharge.Recharge;
import io.notifier.web.Problems;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.notifier.workflows.outcome.NotificationOutcome;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A notification's view, read from what its workflow publishes, and nothing else:
 *
 * <ul>
 *   <li>ended: the outcome the workflow wrote into account_pay before it completed;
 *   <li>running: its {@code status} query, with the pending Deliver activity while the server
 *       retries it (its attempt, next attempt, and the failed attempts in its heartbeat details);
 *   <li>running, with no worker to answer the query: Temporal's description, which holds the
 *       NotifyStatus the workflow last published and the pending Deliver, said so in a warning;
 *   <li>a run that ended without writing its outcome (closed by hand, or a retired type): its
 *       description, or its result.
 * </ul>
 *
 * History events are never read here.
 */
@Component
class NotificationReader {

  private static final Logger log = LoggerFactory.getLogger(NotificationReader.class);

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

  /**
   * @param operator whether the caller is an operator, who sees the detail of each error
   */
  NotificationView read(Recharge recharge, boolean operator) {
    Optional<NotificationOutcome> outcome = ledger.outcomeOf(recharge.txNo());
    if (outcome.isPresent()) {
      return ended(outcome.get());
    }
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId(recharge)).describe();
    } catch (WorkflowException e) {
      if (notFound(e)) {
        return withoutWorkflow(recharge);
      }
      throw unavailable(recharge, e);
    }
    View view = new View(recharge, description, operator);
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return view.closedWithoutOutcome();
    }
    return query(recharge).map(view::fromWorkflow).orElseGet(view::fromDescription);
  }

  /**
   * The workflow's {@code status} query, which a worker answers from the workflow's own fields;
   * empty when none answers within {@link NotifyWorkerConfiguration#TEMPORAL_RPC_TIMEOUT}, whatever
   * the client's own query timeout (a minute by default).
   */
  private Optional<NotificationState> query(Recharge recharge) {
    NotifyWorkflow workflow = client.newWorkflowStub(NotifyWorkflow.class, workflowId(recharge));
    FutureTask<NotificationState> answer = new FutureTask<>(workflow::status);
    Thread.ofVirtual().name("status-query-" + recharge.txNo()).start(answer);
    try {
      return Optional.of(
          answer.get(
              NotifyWorkerConfiguration.TEMPORAL_RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException noAnswer) {
      log.info("The status query of {} was not answered: {}", recharge.txNo(), noAnswer.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      answer.cancel(true); // an unanswered query is not waited for in the background
    }
  }

  /** The outcome the workflow wrote: it stays after the namespace's retention. */
  private NotificationView ended(NotificationOutcome outcome) {
    return new NotificationView(
        outcome.txNo(),
        NotifyWorkflow.workflowId(outcome.txNo()),
        outcome.status(),
        outcome.attempts(),
        outcome.lastError(),
        null,
        null,
        outcome.finishedAt(),
        outcome.payResult(),
        List.of(),
        outcome.reason(),
        links.of(outcome.txNo()),
        Source.PAY_API,
        null,
        null);
  }

  /** No workflow: not started yet (the relay will), or its run is gone (the sweeper starts it). */
  private NotificationView withoutWorkflow(Recharge recharge) {
    boolean started = recharge.notifyStartedAt() != null;
    return new NotificationView(
        recharge.txNo(),
        workflowId(recharge),
        NotifyStatus.PENDING,
        0,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        Source.NONE,
        started ? "Its workflow is gone from Temporal; the sweeper starts it again." : null,
        null);
  }

  /** What one run shows, for one caller. */
  private final class View {
    private final Recharge recharge;
    private final WorkflowExecutionDescription description;
    private final boolean operator;
    private final Optional<PendingActivityInfo> delivery;

    View(Recharge recharge, WorkflowExecutionDescription description, boolean operator) {
      this.recharge = recharge;
      this.description = description;
      this.operator = operator;
      this.delivery = PendingDelivery.of(description);
    }

    /** The workflow's own view, and while it delivers, the server's count of the attempts. */
    NotificationView fromWorkflow(NotificationState state) {
      Live live = live(state.recentFailures(), state.attempts());
      boolean delivering = state.status() == NotifyStatus.NOTIFYING && delivery.isPresent();
      FailedAttempt last = live.failures.isEmpty() ? null : live.failures.getLast();
      return view(
          state.status(),
          live.attempts,
          delivering && last != null ? last.error() : state.lastError(),
          delivering && last != null ? last.detailOrError() : state.lastErrorDetail(),
          delivering ? live.nextAttemptAt : state.nextAttemptAt(),
          state.windowClosesAt(),
          state.finishedAt(),
          state.payResult(),
          live.failures,
          state.reason(),
          Source.WORKFLOW,
          null);
    }

    /** No worker answered: the status the workflow last published, and the pending delivery. */
    NotificationView fromDescription() {
      Live live = live(List.of(), 0);
      FailedAttempt last = live.failures.isEmpty() ? null : live.failures.getLast();
      return view(
          publishedStatus().orElse(NotifyStatus.NOTIFYING),
          live.attempts,
          last == null ? null : last.error(),
          last == null ? null : last.detailOrError(),
          live.nextAttemptAt,
          delivery
              .filter(PendingActivityInfo::hasExpirationTime)
              .map(activity -> instant(activity.getExpirationTime()))
              .orElse(null),
          null,
          null,
          live.failures,
          null,
          Source.DESCRIPTION,
          "The notifier's worker did not answer the status query: this is what Temporal's"
              + " description shows, the status the workflow last published and its pending"
              + " delivery.");
    }

    /**
     * The run ended without writing its outcome: closed by hand in Temporal (the operator's word:
     * CLOSED), a retired type's ending (its result), or a failure the sweeper repairs.
     */
    NotificationView closedWithoutOutcome() {
      WorkflowExecutionStatus status = description.getStatus();
      String name = status.name().substring("WORKFLOW_EXECUTION_STATUS_".length());
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
          || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED) {
        return view(
            NotifyStatus.CLOSED,
            0,
            null,
            null,
            null,
            null,
            description.getCloseTime(),
            null,
            List.of(),
            "closed by hand in Temporal: its run was " + name,
            Source.DESCRIPTION,
            null);
      }
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        Optional<NotificationState> result = result();
        if (result.isPresent()) {
          NotificationView view = fromWorkflow(result.get());
          return result.get().status().settled()
              ? view
              : view.withWarning("It ended without settling; the sweeper starts it again.");
        }
      }
      return view(
          publishedStatus().orElse(NotifyStatus.NOTIFYING),
          0,
          null,
          null,
          null,
          null,
          description.getCloseTime(),
          null,
          List.of(),
          null,
          Source.DESCRIPTION,
          "Its run ended " + name + " without settling; the sweeper starts it again.");
    }

    private Optional<NotificationState> result() {
      try {
        return Optional.of(
            client
                .newUntypedWorkflowStub(workflowId(recharge))
                .getResult(
                    NotifyWorkerConfiguration.TEMPORAL_RPC_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS,
                    NotificationState.class));
      } catch (Exception unreadable) {
        log.info("The result of {} was not read: {}", recharge.txNo(), unreadable.toString());
        return Optional.empty();
      }
    }

    /** The attempts as the server counts them while it retries the delivery. */
    private Live live(List<FailedAttempt> known, int attempts) {
      if (delivery.isEmpty()) {
        return new Live(known, attempts, null);
      }
      PendingActivityInfo activity = delivery.get();
      FailedAttempts heartbeat =
          PendingDelivery.failedAttempts(activity.getHeartbeatDetails(), converter);
      List<FailedAttempt> failures =
          heartbeat.count() >= new FailedAttempts(known).count() ? heartbeat.recent() : known;
      Instant windowClosesAt =
          activity.hasExpirationTime() ? instant(activity.getExpirationTime()) : null;
      return new Live(
          failures,
          Math.max(attempts, new FailedAttempts(failures).count()),
          nextAttempt(activity, windowClosesAt));
    }

    private Optional<NotifyStatus> publishedStatus() {
      String published =
          description.getTypedSearchAttributes().get(NotifySearchAttributes.NOTIFY_STATUS);
      return Optional.ofNullable(published).map(NotifyStatus::valueOf);
    }

    private NotificationView view(
        NotifyStatus status,
        int attempts,
        String lastError,
        String lastErrorDetail,
        Instant nextAttemptAt,
        Instant windowClosesAt,
        Instant finishedAt,
        String payResult,
        List<FailedAttempt> failures,
        String reason,
        Source source,
        String warning) {
      return new NotificationView(
          recharge.txNo(),
          workflowId(recharge),
          status,
          attempts,
          lastError,
          nextAttemptAt,
          windowClosesAt,
          finishedAt,
          payResult,
          Attempt.of(failures, operator),
          reason,
          links.of(recharge.txNo(), description.getExecution().getRunId()),
          source,
          warning,
          operator ? lastErrorDetail : null);
    }
  }

  private record Live(List<FailedAttempt> failures, int attempts, Instant nextAttemptAt) {}

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

  static boolean notFound(WorkflowException e) {
    return e instanceof WorkflowNotFoundException
        || e.getCause() instanceof WorkflowNotFoundException;
  }

  /** Temporal does not answer: said without its address or exception, which the log keeps. */
  static RuntimeException unavailable(Recharge recharge, Exception e) {
    log.warn(
        "Temporal did not answer about the notification of {}: {}", recharge.txNo(), e.toString());
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Temporal unavailable",
        "The notification of "
            + recharge.txNo()
            + " cannot be read or steered now: Temporal does not answer. Try again later.");
  }

  private static String workflowId(Recharge recharge) {
    return NotifyWorkflow.workflowId(recharge.txNo());
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
