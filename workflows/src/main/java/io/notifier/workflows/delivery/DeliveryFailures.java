package io.notifier.workflows.delivery;

/** The types of the {@code ApplicationFailure}s the delivery activity throws. */
public final class DeliveryFailures {

  /** The attempt failed in a way that may heal; the next attempt follows the schedule. */
  public static final String DELIVERY_FAILED = "DeliveryFailed";

  /** The receiver refused the notification for good. */
  public static final String DELIVERY_REJECTED = "DeliveryRejected";

  private DeliveryFailures() {}
}
