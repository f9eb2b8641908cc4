package io.notifier.activities.delivery;

/** Tells a notification's workflow that one of its delivery attempts failed. */
@FunctionalInterface
public interface AttemptReporter {

  void report(String workflowId, String runId, DeliveryAttemptFailure failure);

  /** For tests of the activity alone, where no workflow listens. */
  AttemptReporter NONE = (workflowId, runId, failure) -> {};
}
