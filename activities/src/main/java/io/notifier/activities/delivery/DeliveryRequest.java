package io.notifier.activities.delivery;

import io.notifier.activities.RechargeNotification;

/** What to deliver, and the schedule that decides when a failed attempt is tried again. */
public record DeliveryRequest(RechargeNotification notification, RetrySchedule schedule) {}
