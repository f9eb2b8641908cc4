package io.notifier.pay.notification;

import io.notifier.pay.notification.NotificationLedger.Outcome;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import java.time.Clock;

/**
 * The delivery activity as pay-api's worker runs it: a notification delivered is NOTIFIED, and
 * pay-api records so. Nothing else changes: failures go to Temporal as the activity throws them.
 */
public final class RecordedDelivery implements DeliveryActivities {

  private final DeliveryActivities delivery;
  private final NotificationBookkeeper bookkeeper;
  private final Clock clock;

  RecordedDelivery(DeliveryActivities delivery, NotificationBookkeeper bookkeeper, Clock clock) {
    this.delivery = delivery;
    this.bookkeeper = bookkeeper;
    this.clock = clock;
  }

  @Override
  public DeliveryReceipt deliver(DeliveryRequest request) {
    DeliveryReceipt receipt = delivery.deliver(request);
    bookkeeper.ended(
        request.notification().txNo(),
        new Outcome(
            NotifyStatus.NOTIFIED,
            clock.instant(),
            "delivered at attempt " + receipt.attempt() + ": HTTP " + receipt.httpStatus()));
    return receipt;
  }
}
