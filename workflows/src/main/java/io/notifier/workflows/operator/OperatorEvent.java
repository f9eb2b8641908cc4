package io.notifier.workflows.operator;

import java.time.Instant;

/**
 * What the notifier tells an operator without being asked: a notification that needs a person, one
 * that reconciliation settled, a receiver that recovered. It is sent as a Standard Webhooks message
 * whose {@code webhook-id} is {@link #id()} and whose body is {@code {"type", "timestamp",
 * "data"}}, signed with the operator events' own secret.
 *
 * @param id the event's id, the same at every attempt to send it, so a receiver can tell a retry;
 *     also the workflow id of the {@link OperatorEventWorkflow} that sends it
 * @param type one of {@link OperatorEventType}'s names, such as {@code
 *     notification.needs_attention}
 * @param timestamp when it happened, on Temporal's clock
 * @param data the notification it is about
 */
public record OperatorEvent(String id, String type, Instant timestamp, OperatorEventData data) {

  /** The message's body: everything but the id, which travels as {@code webhook-id}. */
  public Body body() {
    return new Body(type, timestamp, data);
  }

  /** What is sent, in the shape the Standard Webhooks specification recommends. */
  public record Body(String type, Instant timestamp, OperatorEventData data) {}
}
