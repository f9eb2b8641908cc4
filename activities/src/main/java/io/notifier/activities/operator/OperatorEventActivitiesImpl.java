package io.notifier.activities.operator;

import io.notifier.activities.AttemptBudget;
import io.notifier.web.client.Answer;
import io.notifier.web.client.NoAnswer;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.operator.OperatorEvent;
import io.notifier.workflows.operator.OperatorEventActivities;
import io.notifier.workflows.operator.OperatorEventSettings;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends operator events to the operator URL, signed with their own secrets (a {@link
 * io.notifier.activities.signing.WebhookSigner} as the client's credential), the event's id as
 * {@code webhook-id}. Any 2xx is taken; anything else, or no answer, is retried by the event's
 * workflow until its window closes: an operator's endpoint has no refusal that makes an event
 * unnecessary.
 */
public final class OperatorEventActivitiesImpl implements OperatorEventActivities {

  /** Counts sends by {@code type} and {@code outcome} (sent, failed; Prometheus: ..._total). */
  public static final String EVENTS_METRIC = "notify_operator_events";

  /** The failure type of a send that did not get through; retried. */
  public static final String SEND_FAILED = "OperatorEventSendFailed";

  private static final Logger log = LoggerFactory.getLogger(OperatorEventActivitiesImpl.class);

  private final Optional<ServiceClient> operator;
  private final OperatorEventSettings settings;

  /**
   * @param operator the operator URL, with the operator events' signer as credential; empty when
   *     none is configured
   */
  public OperatorEventActivitiesImpl(
      Optional<ServiceClient> operator, OperatorEventSettings settings) {
    this.operator = operator;
    this.settings = operator.isPresent() ? settings : OperatorEventSettings.DISABLED;
  }

  /** No operator URL: no events. */
  public static OperatorEventActivitiesImpl disabled() {
    return new OperatorEventActivitiesImpl(Optional.empty(), OperatorEventSettings.DISABLED);
  }

  @Override
  public OperatorEventSettings settings() {
    return settings;
  }

  @Override
  public void send(OperatorEvent event) {
    if (operator.isEmpty()) {
      log.warn(
          "Operator event {} ({}) dropped: no operator URL is configured any more",
          event.id(),
          event.type());
      return;
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    Answer answer;
    try {
      answer =
          operator
              .get()
              .post()
              .json(event.body())
              .messageId(event.id())
              .within(AttemptBudget.of(context.getInfo()))
              .send();
    } catch (NoAnswer none) {
      throw failed(context, event, none.detail());
    }
    if (!answer.isSuccess()) {
      throw failed(context, event, answer.detail());
    }
    count(context, event, "sent");
    log.info("Operator event {} ({}) sent", event.id(), event.type());
  }

  /** Benign: an operator endpoint that is down is retried, not a fault of this worker. */
  private static ApplicationFailure failed(
      ActivityExecutionContext context, OperatorEvent event, String detail) {
    count(context, event, "failed");
    return ApplicationFailure.newBuilder()
        .setType(SEND_FAILED)
        .setMessage("operator event " + event.id() + " not taken: " + detail)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  private static void count(ActivityExecutionContext context, OperatorEvent event, String outcome) {
    context
        .getMetricsScope()
        .tagged(Map.of("type", event.type(), "outcome", outcome))
        .counter(EVENTS_METRIC)
        .inc(1);
  }
}
