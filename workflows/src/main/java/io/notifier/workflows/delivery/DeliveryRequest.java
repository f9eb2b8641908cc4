package io.notifier.workflows.delivery;

import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;

/** What to deliver, and the schedule that decides when a failed attempt is tried again. */
public record DeliveryRequest(RechargeNotification notification, RetrySchedule schedule) {}
