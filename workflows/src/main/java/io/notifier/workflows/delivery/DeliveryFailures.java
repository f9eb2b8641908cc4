package io.notifier.workflows.delivery;

import java.util.Set;

/**
 * The types of the {@code ApplicationFailure}s the delivery activity throws. Both carry the {@link
 * FailedAttempts} so far as their details, and their message in full (for operators, the Web UI).
 */
public final class DeliveryFailures {

  /** The attempt failed in a way that may heal; the next attempt follows the schedule. */
  public static final String DELIVERY_FAILED = "DeliveryFailed";

  /** The receiver refused the notification for good: an explicit business answer. */
  public static final String DELIVERY_REJECTED = "DeliveryRejected";

  public static final Set<String> ALL = Set.of(DELIVERY_FAILED, DELIVERY_REJECTED);

  private DeliveryFailures() {}
}
