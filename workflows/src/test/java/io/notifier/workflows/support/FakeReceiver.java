package io.notifier.workflows.support;

import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryProgress;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A stand-in for the delivery activity that answers as the test scripts it, attempt by attempt, and
 * keeps the activity's contract: a failure carries the schedule's next delay and the failed
 * attempts so far, which it also leaves in its heartbeat details. As {@link DeliveryProgress} it
 * tells what the server would: the failed attempts so far.
 */
public final class FakeReceiver implements DeliveryActivities, DeliveryProgress {

  /** What one attempt does. */
  public enum Answer {
    /** The receiver takes it: delivered. */
    TAKE,
    /** The receiver is down: try again on the schedule. */
    FAIL,
    /** The receiver refuses it for good. */
    REJECT,
    /** The attempt hangs until the test lets it go with {@link #release(Answer)}. */
    HOLD
  }

  private final Supplier<Instant> clock;
  private final List<Instant> attempts = new CopyOnWriteArrayList<>();
  private volatile IntFunction<Answer> script = attempt -> Answer.TAKE;
  private volatile FailedAttempts failures = FailedAttempts.NONE;
  private volatile CompletableFuture<Answer> held = new CompletableFuture<>();
  private final CompletableFuture<Void> holding = new CompletableFuture<>();

  FakeReceiver(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** Every attempt from now on answers {@code answer}. */
  public void answers(Answer answer) {
    script = attempt -> answer;
  }

  /** Attempt {@code n} answers {@code script.apply(n)}. */
  public void answers(IntFunction<Answer> script) {
    this.script = script;
  }

  /** Waits until an attempt is held. */
  public void awaitHolding() {
    holding.join();
  }

  /** Lets the held attempt end with {@code answer}. */
  public void release(Answer answer) {
    held.complete(answer);
  }

  /** When each attempt began, in the test server's time. */
  public List<Instant> attempts() {
    return List.copyOf(attempts);
  }

  @Override
  public FailedAttempts failedAttempts(String workflowId) {
    return failures;
  }

  @Override
  public DeliveryReceipt deliver(DeliveryRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    int attempt = context.getInfo().getAttempt();
    if (request.firstAttempt() != null && attempt == 1 && !context.getInfo().isLocal()) {
      throw waitForTheSecondAttempt(context, request);
    }
    attempts.add(clock.get());
    Answer answer = script.apply(attempt);
    if (answer == Answer.HOLD) {
      holding.complete(null);
      answer = held.join();
    }
    return switch (answer) {
      case TAKE, HOLD -> new DeliveryReceipt(attempt, 200);
      case FAIL ->
          throw ApplicationFailure.newBuilder()
              .setType(DeliveryFailures.DELIVERY_FAILED)
              .setMessage("HTTP 503 from the fake receiver")
              .setDetails(failed(context, "HTTP 503 from the fake receiver"))
              .setNextRetryDelay(request.schedule().delayAfterAttempt(attempt))
              .setCategory(ApplicationErrorCategory.BENIGN)
              .build();
      case REJECT ->
          throw ApplicationFailure.newBuilder()
              .setType(DeliveryFailures.DELIVERY_REJECTED)
              .setMessage("HTTP 422 from the fake receiver")
              .setDetails(failed(context, "HTTP 422 from the fake receiver"))
              .setNonRetryable(true)
              .build();
    };
  }

  /** The server's attempt 1 stands for the workflow's own first one: it waits for the schedule. */
  private ApplicationFailure waitForTheSecondAttempt(
      ActivityExecutionContext context, DeliveryRequest request) {
    FailedAttempts first = FailedAttempts.NONE.and(request.firstAttempt());
    context.heartbeat(first);
    Duration wait =
        Duration.between(
            clock.get(), request.firstAttempt().at().plus(request.schedule().delayAfterAttempt(1)));
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_FAILED)
        .setMessage(request.firstAttempt().error())
        .setDetails(first)
        .setNextRetryDelay(wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  private FailedAttempts failed(ActivityExecutionContext context, String error) {
    FailedAttempts failures =
        context
            .getHeartbeatDetails(FailedAttempts.class)
            .orElse(FailedAttempts.NONE)
            .and(new FailedAttempt(context.getInfo().getAttempt(), clock.get(), error));
    this.failures = failures;
    try {
      context.heartbeat(failures);
    } catch (ActivityCompletionException cancelled) {
      // reported by the failure all the same
    }
    return failures;
  }
}
