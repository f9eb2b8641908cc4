package io.notifier.workflows.outcome;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes how a notification ended into pay-api's own record of the recharge (account_pay): the
 * workflow's last step, before it completes, so that what pay-api's table says never depends on the
 * namespace's retention nor on a process that may die with it in memory.
 */
@ActivityInterface
public interface OutcomeActivities {

  /**
   * Records {@code outcome}; idempotent: recording the same outcome again changes nothing. Run as a
   * local activity in the workflow's last task, retried until it succeeds.
   */
  @ActivityMethod(name = "RecordOutcome")
  void recordOutcome(NotificationOutcome outcome);
}
