package io.notifier.activities.reconciliation;

import io.notifier.activities.AttemptBudget;
import io.notifier.web.ProblemType;
import io.notifier.web.client.Answer;
import io.notifier.web.client.Classified;
import io.notifier.web.client.NoAnswer;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.Durations;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationFailures;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks account-api to reconcile ({@code POST api/reconciliations/{txNo}} under its base URL, with
 * pay-api's key): account-api queries pay-api's interface and settles a paid recharge once,
 * recorded as a reconciliation. Its de-duplication makes a reconciliation racing a late delivery
 * credit the account once.
 *
 * <p>Answers are read by the one rule of {@link Classified}. Two end the step: what account-api
 * found (200 with the documented body: pay-api's result, and whether the account is credited), and
 * pay-api not knowing the txNo (404 of the problem type {@code unknown-tx-no}). account-api's own
 * refusal (409, 422 problem+json) ends it too, for an operator. Anything else — a gateway's 404
 * during a deploy, a 5xx, a result other than "success" or "fail" — is tried again.
 */
public final class ReconciliationActivitiesImpl implements ReconciliationActivities {

  /**
   * Reconciliations of executions recorded before there was a limit run without one; past this, the
   * activity ends them itself (and their workflow ends; pay-api's sweeper starts the notification
   * again as the current type).
   */
  public static final String GAVE_UP = "ReconciliationGaveUp";

  /** Reconciliations waiting longer than this are one a year old: no limit was set. */
  private static final Duration UNLIMITED = Duration.ofDays(365);

  private final ServiceClient accountApi;
  private final Clock clock;
  private final Duration limit;

  /**
   * @param accountApi account-api, with pay-api's API key as its credential
   * @param limit how long a reconciliation recorded without a limit may go on ({@code
   *     notify.reconcile.limit})
   */
  public ReconciliationActivitiesImpl(ServiceClient accountApi, Clock clock, Duration limit) {
    this.accountApi = accountApi;
    this.clock = clock;
    this.limit = limit;
  }

  @Override
  public ReconciliationResult reconcile(String txNo) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    Instant startedAt = clock.instant();
    int attempt = Math.max(1, info.getAttempt());
    giveUpWhenUnlimitedAndPastTheLimit(info, attempt, startedAt);
    Classified<ReconciliationResult> answer;
    try {
      answer =
          Classified.of(
              accountApi.post("api", "reconciliations", txNo).within(AttemptBudget.of(info)).send(),
              sent -> found(sent, txNo),
              sent -> sent.isProblemWithStatusIn(409, 422));
    } catch (NoAnswer none) {
      throw failure(attempt, startedAt, none.summary(), none.detail(), Optional.empty());
    }
    return switch (answer.kind()) {
      case TAKEN -> answer.value();
      case REFUSED -> throw refused(attempt, startedAt, answer.answer());
      case TRANSIENT ->
          throw failure(
              attempt,
              startedAt,
              answer.summary("result"),
              answer.answer().detail(),
              answer.answer().retryAfter(clock.instant()));
    };
  }

  /** The two answers that say what reconciliation found. */
  private static Optional<ReconciliationResult> found(Answer answer, String txNo) {
    if (answer.isProblem(404, ProblemType.UNKNOWN_TX_NO.uri())) {
      return Optional.of(ReconciliationResult.unknown(txNo));
    }
    if (answer.status() != 200) {
      return Optional.empty();
    }
    return answer
        .bodyAs(ReconciliationResult.class)
        .filter(result -> txNo.equals(result.txNo()))
        .filter(ReconciliationActivitiesImpl::documented);
  }

  /** pay-api's result is "success" (and then the account is credited) or "fail"; nothing else. */
  private static boolean documented(ReconciliationResult result) {
    if (RechargeNotification.SUCCESS.equals(result.payResult())) {
      return result.settled() || result.alreadySettled();
    }
    return ReconciliationResult.FAIL.equals(result.payResult());
  }

  private void giveUpWhenUnlimitedAndPastTheLimit(
      ActivityInfo info, int attempt, Instant startedAt) {
    Duration scheduleToClose = info.getScheduleToCloseTimeout();
    boolean unlimited =
        scheduleToClose == null
            || scheduleToClose.isZero()
            || scheduleToClose.compareTo(UNLIMITED) > 0;
    Duration waited =
        Duration.between(Instant.ofEpochMilli(info.getScheduledTimestamp()), startedAt);
    if (unlimited && waited.compareTo(limit) > 0) {
      String summary = "reconciliation gave up after " + Durations.format(limit);
      throw ApplicationFailure.newBuilder()
          .setType(GAVE_UP)
          .setMessage(summary + " (recorded without a limit; notify.reconcile.limit)")
          .setDetails(new FailedAttempt(attempt, startedAt, summary, summary))
          .setNonRetryable(true)
          .build();
    }
  }

  /** Tried again by the retry policy, or when a Retry-After asks for longer. */
  private static ApplicationFailure failure(
      int attempt,
      Instant startedAt,
      String summary,
      String detail,
      Optional<Duration> retryAfter) {
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setType(ReconciliationFailures.RECONCILIATION_FAILED)
            .setMessage(detail)
            .setDetails(new FailedAttempt(attempt, startedAt, summary, detail))
            .setCategory(ApplicationErrorCategory.BENIGN);
    retryAfter.filter(Duration::isPositive).ifPresent(failure::setNextRetryDelay);
    return failure.build();
  }

  private static ApplicationFailure refused(int attempt, Instant startedAt, Answer answer) {
    return ApplicationFailure.newBuilder()
        .setType(ReconciliationFailures.RECONCILIATION_REJECTED)
        .setMessage(answer.detail())
        .setDetails(new FailedAttempt(attempt, startedAt, answer.summary(), answer.detail()))
        .setNonRetryable(true)
        .build();
  }
}
