package io.notifier.pay.notification;

import io.notifier.workflows.outcome.NotificationOutcome;
import io.notifier.workflows.outcome.OutcomeActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow's last step, in pay-api's worker: writes how the notification ended into
 * account_pay, in its own transaction, before the workflow completes. A failure (the database down)
 * fails the activity, which the workflow retries until it is written.
 */
final class OutcomeRecorder implements OutcomeActivities {

  private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

  private final NotificationLedger ledger;

  OutcomeRecorder(NotificationLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void recordOutcome(NotificationOutcome outcome) {
    if (ledger.record(outcome) == 0 && ledger.outcomeOf(outcome.txNo()).isEmpty()) {
      // Only a notification of a recharge pay-api does not hold: nothing to write it into.
      log.warn("No recharge {} to record {} in", outcome.txNo(), outcome.status());
    }
  }
}
