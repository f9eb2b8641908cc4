package io.notifier.activities.delivery;

import io.temporal.client.WorkflowClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a failed attempt by signalling the workflow. The report is best effort: if Temporal
 * cannot take the signal, the attempt's outcome (and its retry) must not change because of it.
 */
public final class SignallingAttemptReporter implements AttemptReporter {

  private static final Logger log = LoggerFactory.getLogger(SignallingAttemptReporter.class);

  private final WorkflowClient client;

  public SignallingAttemptReporter(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void report(String workflowId, String runId, DeliveryAttemptFailure failure) {
    try {
      client
          .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
          .signal(DeliveryActivities.ATTEMPT_FAILED_SIGNAL, failure);
    } catch (RuntimeException e) {
      log.warn(
          "Could not report failed attempt {} of {}: {}",
          failure.attempt(),
          workflowId,
          e.toString());
    }
  }
}
