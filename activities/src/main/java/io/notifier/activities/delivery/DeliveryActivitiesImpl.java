package io.notifier.activities.delivery;

import io.notifier.activities.AttemptBudget;
import io.notifier.web.client.Answer;
import io.notifier.web.client.Classified;
import io.notifier.web.client.NoAnswer;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt to deliver a notification: POSTs it to account-api ({@code api/notifications} under
 * its base URL, signed) and turns the answer into Temporal's retry decision, by the one rule of
 * {@link Classified}: account-api's acknowledgement of this txNo is delivered; its own refusal
 * (400, 409, 422 problem+json) ends the delivery; anything else is tried again on the schedule.
 */
public final class DeliveryActivitiesImpl implements DeliveryActivities {

  /** Counts notifications the receiver refused for good (Prometheus: ..._total). */
  public static final String REJECTED_METRIC = "notify_delivery_rejected";

  /**
   * Counts every attempt by its {@value #OUTCOME} (Prometheus: ..._total), the first one inside the
   * workflow task included: the receiver's error rate, for an alert. Temporal's own
   * temporal_activity_execution_failed_total cannot give it: a failed attempt is benign, which the
   * SDK leaves out of that counter, and the first attempt is a local activity.
   */
  public static final String ATTEMPTS_METRIC = "notify_delivery_attempts";

  /**
   * The tag of {@value #ATTEMPTS_METRIC}: {@code delivered}, {@code failed} or {@code rejected}.
   */
  public static final String OUTCOME = "outcome";

  /** The shortest wait for the next attempt: the server reads a zero delay as no retry at all. */
  private static final Duration SOON = Duration.ofMillis(1);

  private final ServiceClient accountApi;
  private final Clock clock;

  /**
   * @param accountApi account-api, with the notifier's signature as its credential
   */
  public DeliveryActivitiesImpl(ServiceClient accountApi, Clock clock) {
    this.accountApi = accountApi;
    this.clock = clock;
  }

  @Override
  public DeliveryReceipt deliver(DeliveryRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    Instant startedAt = clock.instant();
    int inRound = Math.max(1, info.getAttempt()); // TestActivityEnvironment reports 0
    if (request.firstAttempt() != null && inRound == 1 && !info.isLocal()) {
      throw firstAttemptMadeBefore(context, request);
    }
    Attempt attempt = new Attempt(context, request, inRound, startedAt);
    RechargeNotification notification = request.notification();
    Classified<Answer> answer;
    try {
      answer =
          Classified.of(
              accountApi
                  .post("api", "notifications")
                  .json(notification)
                  .messageId(notification.txNo())
                  .within(AttemptBudget.of(info))
                  .send(),
              sent ->
                  sent.isSuccess()
                          && sent.bodyAs(Acknowledgement.class)
                              .filter(ack -> ack.acknowledges(notification.txNo()))
                              .isPresent()
                      ? Optional.of(sent)
                      : Optional.empty(),
              sent -> sent.isProblemWithStatusIn(400, 409, 422));
    } catch (NoAnswer none) {
      throw attempt.failed(none.summary(), none.detail(), Optional.empty());
    }
    return switch (answer.kind()) {
      case TAKEN -> attempt.delivered(answer.answer().status());
      case REFUSED -> throw attempt.rejected(answer.answer());
      case TRANSIENT ->
          throw attempt.failed(
              answer.summary("acknowledgement"),
              answer.answer().detail(),
              answer.answer().retryAfter(clock.instant()));
    };
  }

  /** One attempt of a round: its number in the notification, and how it fails. */
  private final class Attempt {
    private final ActivityExecutionContext context;
    private final DeliveryRequest request;
    private final int inRound;
    private final Instant startedAt;

    Attempt(
        ActivityExecutionContext context, DeliveryRequest request, int inRound, Instant startedAt) {
      this.context = context;
      this.request = request;
      this.inRound = inRound;
      this.startedAt = startedAt;
    }

    int number() {
      return request.attemptNumber(inRound);
    }

    DeliveryReceipt delivered(int status) {
      count("delivered");
      return new DeliveryReceipt(number(), status);
    }

    private void count(String outcome) {
      context.getMetricsScope().tagged(Map.of(OUTCOME, outcome)).counter(ATTEMPTS_METRIC).inc(1);
    }

    /**
     * A failure that may heal. The next attempt comes the schedule's interval after this one
     * started, not after it failed: an attempt that takes ten seconds to time out does not push the
     * later ones back. A Retry-After asking for longer is honoured. The delay rides on the failure
     * itself (Temporal reads it only from the top-level ApplicationFailure, which must have a type)
     * and overrides the retry policy's arithmetic. Benign: an unreachable receiver is what this
     * notifier exists for, not an error of the worker.
     */
    ApplicationFailure failed(String summary, String detail, Optional<Duration> retryAfter) {
      Duration untilNext =
          Duration.between(
              clock.instant(), startedAt.plus(request.schedule().delayAfterAttempt(inRound)));
      Duration delay = retryAfter.filter(asked -> asked.compareTo(untilNext) > 0).orElse(untilNext);
      count("failed");
      return ApplicationFailure.newBuilder()
          .setType(DeliveryFailures.DELIVERY_FAILED)
          .setMessage(detail)
          .setDetails(record(summary, detail))
          .setNextRetryDelay(delay.compareTo(SOON) < 0 ? SOON : delay)
          .setCategory(ApplicationErrorCategory.BENIGN)
          .build();
    }

    /**
     * Not benign: a receiver that refuses notifications is what an operator wants to hear of, and
     * {@value #REJECTED_METRIC} counts them for an alert.
     */
    ApplicationFailure rejected(Answer answer) {
      context.getMetricsScope().counter(REJECTED_METRIC).inc(1);
      count("rejected");
      return ApplicationFailure.newBuilder()
          .setType(DeliveryFailures.DELIVERY_REJECTED)
          .setMessage(answer.detail())
          .setDetails(record(answer.summary(), answer.detail()))
          .setNonRetryable(true)
          .build();
    }

    /**
     * Adds this attempt to the failed attempts the previous one left in its heartbeat details (or,
     * at a round's first, to those of earlier rounds), and leaves them in this attempt's: the
     * server keeps them with the pending activity, for the next attempt and for anyone who
     * describes the workflow.
     */
    private FailedAttempts record(String summary, String detail) {
      FailedAttempts failures =
          context
              .getHeartbeatDetails(FailedAttempts.class)
              .orElse(request.earlier())
              .and(new FailedAttempt(number(), startedAt, summary, detail));
      heartbeat(context, failures);
      return failures;
    }
  }

  /**
   * The workflow made the round's first attempt itself, which failed: the server's attempt 1 is
   * that one. It records the failure where the next attempts and {@code describe} read it, and asks
   * the server to come back when the schedule's second attempt is due, measured from the first's
   * start.
   */
  private ApplicationFailure firstAttemptMadeBefore(
      ActivityExecutionContext context, DeliveryRequest request) {
    FailedAttempt first = request.firstAttempt();
    FailedAttempts failures = request.earlier().and(first);
    heartbeat(context, failures);
    Duration wait =
        Duration.between(clock.instant(), first.at().plus(request.schedule().delayAfterAttempt(1)));
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_FAILED)
        .setMessage(first.detailOrError())
        .setDetails(failures)
        .setNextRetryDelay(wait.compareTo(SOON) < 0 ? SOON : wait)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  /** A local attempt's heartbeat goes nowhere: its failure carries them to the workflow. */
  private static void heartbeat(ActivityExecutionContext context, FailedAttempts failures) {
    try {
      context.heartbeat(failures);
    } catch (ActivityCompletionException cancelledOrGone) {
      // Cancelled by a reconcile request, or timed out: the failure still carries them.
    }
  }
}
